#include "ingest/sha256_x86.h"

#if defined(__x86_64__) && defined(__GNUC__)

#include <cpuid.h>
#include <immintrin.h>

namespace spoor::ingest {

bool cpuHasShaExtensions()
{
    unsigned eax = 0;
    unsigned ebx = 0;
    unsigned ecx = 0;
    unsigned edx = 0;
    if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx))
        return false;
    const bool sha = (ebx & (1u << 29)) != 0;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx))
        return false;
    const bool sse41 = (ecx & (1u << 19)) != 0;
    return sha && sse41;
}

namespace {

// Four rounds: the message words plus round constants in `schedule`, two rounds per sha256rnds2.
__attribute__((target("sha,sse4.1"))) inline void fourRounds(__m128i& state0, __m128i& state1, __m128i schedule)
{
    state1 = _mm_sha256rnds2_epu32(state1, state0, schedule);
    state0 = _mm_sha256rnds2_epu32(state0, state1, _mm_shuffle_epi32(schedule, 0x0e));
}

} // namespace

// Keeps the state as the ABEF and CDGH halves that sha256rnds2 takes, and the message schedule as four
// vectors of four words.
__attribute__((target("sha,sse4.1"))) void sha256CompressBlocksX86(std::uint32_t state[8], const std::uint8_t* data,
                                                                   std::size_t blocks, const std::uint32_t* constants)
{
    const __m128i byteSwap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
    __m128i tmp = _mm_loadu_si128(reinterpret_cast<const __m128i*>(&state[0]));    // DCBA
    __m128i state1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(&state[4])); // HGFE
    tmp = _mm_shuffle_epi32(tmp, 0xb1);                                            // CDAB
    state1 = _mm_shuffle_epi32(state1, 0x1b);                                      // EFGH
    __m128i state0 = _mm_alignr_epi8(tmp, state1, 8);                              // ABEF
    state1 = _mm_blend_epi16(state1, tmp, 0xf0);                                   // CDGH

    for (; blocks > 0; --blocks, data += 64) {
        const __m128i saved0 = state0;
        const __m128i saved1 = state1;
        __m128i message[4];
        for (int i = 0; i < 4; ++i) {
            message[i] = _mm_shuffle_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(data + 16 * i)), byteSwap);
        }
        for (int group = 0; group < 16; ++group) {
            __m128i& current = message[group % 4];
            const __m128i k = _mm_loadu_si128(reinterpret_cast<const __m128i*>(constants + 4 * group));
            fourRounds(state0, state1, _mm_add_epi32(current, k));
            if (group < 12) {
                // Extends the schedule: W[t] for the group four steps ahead, from the last sixteen words.
                __m128i& ahead = message[group % 4];
                const __m128i& next = message[(group + 1) % 4];
                const __m128i& third = message[(group + 2) % 4];
                const __m128i& last = message[(group + 3) % 4];
                ahead = _mm_sha256msg1_epu32(ahead, next);
                ahead = _mm_add_epi32(ahead, _mm_alignr_epi8(last, third, 4));
                ahead = _mm_sha256msg2_epu32(ahead, last);
            }
        }
        state0 = _mm_add_epi32(state0, saved0);
        state1 = _mm_add_epi32(state1, saved1);
    }

    tmp = _mm_shuffle_epi32(state0, 0x1b);       // FEBA
    state1 = _mm_shuffle_epi32(state1, 0xb1);    // DCHG
    state0 = _mm_blend_epi16(tmp, state1, 0xf0); // DCBA
    state1 = _mm_alignr_epi8(state1, tmp, 8);    // HGFE
    _mm_storeu_si128(reinterpret_cast<__m128i*>(&state[0]), state0);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(&state[4]), state1);
}

} // namespace spoor::ingest

#else

namespace spoor::ingest {

bool cpuHasShaExtensions()
{
    return false;
}

void sha256CompressBlocksX86(std::uint32_t*, const std::uint8_t*, std::size_t, const std::uint32_t*) {}

} // namespace spoor::ingest

#endif
