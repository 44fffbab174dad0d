package com.adreview.identity;

/** An identity conflict is open until a reviewer settles it (or its case no longer applies). */
enum ConflictState {
    OPEN,
    CLOSED
}
