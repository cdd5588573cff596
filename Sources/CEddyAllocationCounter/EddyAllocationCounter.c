// Interposes the glibc allocation entry points in the executable that links this target, so the
// benchmarks can report allocations per record (docs/decisions.md, "Counting allocations").
// Each call bumps a thread-local counter and forwards to glibc's own __libc_* functions, which
// avoids the dlsym bootstrap problem of RTLD_NEXT interposers. Cost: one TLS increment per call.
#include "EddyAllocationCounter.h"

#if defined(__linux__) && defined(__GLIBC__)
#include <errno.h>
#include <stddef.h>

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void *__libc_memalign(size_t, size_t);

static __thread uint64_t thread_count;
static uint64_t process_count;

static inline void count_one(void) {
    thread_count++;
    __atomic_fetch_add(&process_count, 1, __ATOMIC_RELAXED);
}

void *malloc(size_t size) { count_one(); return __libc_malloc(size); }
void *calloc(size_t n, size_t size) { count_one(); return __libc_calloc(n, size); }
void *realloc(void *p, size_t size) { count_one(); return __libc_realloc(p, size); }
void *memalign(size_t alignment, size_t size) { count_one(); return __libc_memalign(alignment, size); }
void *aligned_alloc(size_t alignment, size_t size) { count_one(); return __libc_memalign(alignment, size); }

int posix_memalign(void **out, size_t alignment, size_t size) {
    if (alignment < sizeof(void *) || (alignment & (alignment - 1)) != 0) return EINVAL;
    count_one();
    void *p = __libc_memalign(alignment, size);
    if (p == NULL && size != 0) return ENOMEM;
    *out = p;
    return 0;
}

uint64_t eddy_thread_allocation_count(void) { return thread_count; }
uint64_t eddy_process_allocation_count(void) { return __atomic_load_n(&process_count, __ATOMIC_RELAXED); }
int eddy_allocation_counter_active(void) { return 1; }
#else
uint64_t eddy_thread_allocation_count(void) { return 0; }
uint64_t eddy_process_allocation_count(void) { return 0; }
int eddy_allocation_counter_active(void) { return 0; }
#endif
