package com.adreview.enforcement;

/** Where a sweep's work item is: waiting, held by an instance under a lease, or done. */
enum SweepChunkState {
    PENDING,
    CLAIMED,
    DONE
}
