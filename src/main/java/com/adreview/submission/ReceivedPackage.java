package com.adreview.submission;

import com.adreview.engine.AdPackage;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An ad package as the engine reads it, with the JSON it arrived as: the stored package is the one
 * received, fields the record does not model included, so a replay decides exactly what was sent.
 */
public record ReceivedPackage(AdPackage ad, ObjectNode asReceived) {}
