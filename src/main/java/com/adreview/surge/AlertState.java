package com.adreview.surge;

/** Where an alert stands: open until a person acknowledges it. */
public enum AlertState {
    OPEN,
    ACKNOWLEDGED
}
