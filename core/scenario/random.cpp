#include "scenario/random.h"

#include <cmath>

namespace spoor::scenario {

double Random::unit()
{
    return static_cast<double>(engine_() >> 11) * 0x1.0p-53;
}

std::int64_t Random::integer(std::int64_t low, std::int64_t high)
{
    const auto range = static_cast<std::uint64_t>(high - low) + 1;
    if (range == 0) {
        return static_cast<std::int64_t>(engine_());
    }
    // The modulo bias is below 2^-40 for the ranges used here.
    return low + static_cast<std::int64_t>(engine_() % range);
}

double Random::exponential(double mean)
{
    return -mean * std::log1p(-unit());
}

double Random::logUniform(double low, double high)
{
    return low * std::exp(unit() * std::log(high / low));
}

std::size_t Random::weighted(std::span<const double> weights)
{
    double total = 0;
    for (const double weight : weights) {
        total += weight;
    }
    double point = unit() * total;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        if (point < weights[i]) {
            return i;
        }
        point -= weights[i];
    }
    return weights.size() - 1;
}

std::string Random::uuid()
{
    const std::uint64_t high = engine_();
    const std::uint64_t low = engine_();
    return formatUuid(high, low);
}

std::string formatUuid(std::uint64_t high, std::uint64_t low)
{
    static constexpr char digits[] = "0123456789abcdef";
    std::string text(36, '-');
    int bit = 60;
    std::uint64_t word = high;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            continue;
        }
        text[i] = digits[(word >> bit) & 0xf];
        bit -= 4;
        if (bit < 0) {
            word = low;
            bit = 60;
        }
    }
    return text;
}

} // namespace spoor::scenario
