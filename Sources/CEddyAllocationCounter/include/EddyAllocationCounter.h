#ifndef EDDY_ALLOCATION_COUNTER_H
#define EDDY_ALLOCATION_COUNTER_H
#include <stdint.h>

/// Number of heap allocations (malloc, calloc, realloc, posix_memalign, aligned_alloc, memalign)
/// made by the calling thread since it started. Thread-local, so a benchmark loop on one thread
/// reads its own count without interference from other threads.
uint64_t eddy_thread_allocation_count(void);

/// Allocations made by all threads (relaxed; for reports, not for synchronisation).
uint64_t eddy_process_allocation_count(void);

/// 1 when this binary's allocation counter is linked in and active (glibc only), else 0.
int eddy_allocation_counter_active(void);

#endif
