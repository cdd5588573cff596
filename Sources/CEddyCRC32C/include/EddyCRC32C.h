#ifndef EDDY_CRC32C_H
#define EDDY_CRC32C_H
#include <stddef.h>
#include <stdint.h>

/// 1 when this CPU has a CRC-32C instruction this build can use (x86-64 SSE 4.2), else 0.
int eddy_crc32c_hardware_available(void);

/// Advances a pre-inverted CRC-32C register over `count` bytes with the CPU's CRC32 instruction.
/// Only call when eddy_crc32c_hardware_available() returned 1.
uint32_t eddy_crc32c_hardware(uint32_t reg, const void *bytes, size_t count);

#endif
