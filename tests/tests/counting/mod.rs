//! The counting global allocator the allocation tests share. Each of those tests is its own
//! test binary, so the allocator sits under its checks alone.

use std::alloc::System;

use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};

#[global_allocator]
static ALLOCATOR: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

/// How many allocations, reallocations and deallocations `operation` made: the fewest over
/// five runs. The counters are global, and the test harness's own thread now and then
/// allocates while an operation runs; an operation that allocates does so every time, so the
/// fewest is its own count.
pub fn allocations(mut operation: impl FnMut()) -> usize {
    (0..5)
        .map(|_| {
            let region = Region::new(ALLOCATOR);
            operation();
            let change = region.change();
            change.allocations + change.reallocations + change.deallocations
        })
        .min()
        .unwrap_or(usize::MAX)
}
