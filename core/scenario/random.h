#pragma once

#include <cstdint>
#include <random>
#include <span>
#include <string>

namespace spoor::scenario {

// std::mt19937_64 with distributions written here, because the std:: distributions may produce different
// values on other standard libraries and the output must be the same everywhere for a given seed.
class Random
{
public:
    explicit Random(std::uint64_t seed) : engine_(seed) {}

    std::uint64_t next() { return engine_(); }
    // Uniform in [0, 1).
    double unit();
    // Uniform in [low, high).
    double between(double low, double high) { return low + (high - low) * unit(); }
    // Uniform integer in [low, high].
    std::int64_t integer(std::int64_t low, std::int64_t high);
    bool chance(double probability) { return unit() < probability; }
    // Exponentially distributed with the given mean.
    double exponential(double mean);
    // Log-uniform in [low, high), for durations spread over orders of magnitude.
    double logUniform(double low, double high);
    // Index drawn with probability proportional to its weight.
    std::size_t weighted(std::span<const double> weights);

    template <typename T> const T& pick(std::span<const T> items)
    {
        return items[static_cast<std::size_t>(integer(0, static_cast<std::int64_t>(items.size()) - 1))];
    }

    // 8-4-4-4-12 lowercase hex, the format of Elastic's agent, host and event ids.
    std::string uuid();

private:
    std::mt19937_64 engine_;
};

// Formats two 64-bit words as an 8-4-4-4-12 lowercase hex id.
std::string formatUuid(std::uint64_t high, std::uint64_t low);

} // namespace spoor::scenario
