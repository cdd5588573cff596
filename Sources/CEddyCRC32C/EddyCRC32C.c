// CRC-32C with the SSE 4.2 CRC32 instruction: about 8 bytes per 3 cycles, several times the
// software slicing-by-8 path. Compiled for SSE 4.2 per function and chosen at run time, so the
// binary still runs on CPUs without it (docs/decisions.md, "Hardware CRC-32C").
#include "EddyCRC32C.h"
#include <string.h>

#if defined(__x86_64__)
int eddy_crc32c_hardware_available(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("sse4.2") ? 1 : 0;
}

__attribute__((target("sse4.2")))
uint32_t eddy_crc32c_hardware(uint32_t reg, const void *bytes, size_t count) {
    const unsigned char *p = (const unsigned char *)bytes;
    uint64_t crc = reg;
    while (count >= 8) {
        uint64_t word;
        memcpy(&word, p, 8);  // unaligned-safe load
        crc = __builtin_ia32_crc32di(crc, word);
        p += 8;
        count -= 8;
    }
    uint32_t crc32 = (uint32_t)crc;
    while (count > 0) {
        crc32 = __builtin_ia32_crc32qi(crc32, *p);
        p++;
        count--;
    }
    return crc32;
}
#else
int eddy_crc32c_hardware_available(void) { return 0; }
uint32_t eddy_crc32c_hardware(uint32_t reg, const void *bytes, size_t count) {
    (void)bytes; (void)count;
    return reg;
}
#endif
