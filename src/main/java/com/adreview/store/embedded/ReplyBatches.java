package com.adreview.store.embedded;

import de.bwaldvogel.mongo.backend.AbstractCursor;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Query results cut into batches of bounded size, as MongoDB cuts them. mongo-java-server answers a
 * {@code find} without a batch size with every matching document in one reply; past the driver's largest
 * message (48 MB) the driver refuses the reply, so a query over a large result failed outright (the
 * dashboard's pulls of a week holding 200,000 pulls did). Here a batch holds at most
 * {@value #MAX_BATCH_BYTES} bytes, by an estimate that errs high, and at most the documents the client
 * asked for; what is left waits in a cursor for the driver's {@code getMore}, which the driver sends
 * without a batch size too.
 */
final class ReplyBatches {

    /** MongoDB's own bound on a batch: its largest document. */
    static final int MAX_BATCH_BYTES = 16 * 1024 * 1024;

    private ReplyBatches() {}

    /**
     * How many of the documents from {@code from} on make the next batch: at least one, at most
     * {@code batchSize} when it is positive, and no more than fit in {@link #MAX_BATCH_BYTES}.
     */
    static int fitting(List<Document> documents, int from, int batchSize) {
        int end = batchSize > 0 ? Math.min(documents.size(), from + batchSize) : documents.size();
        if (end - from <= 1) {
            return end - from; // a batch holds at least one document: most queries of a request need no walk
        }
        long bytes = 0;
        for (int i = from; i < end; i++) {
            bytes += estimatedSize(documents.get(i));
            if (bytes > MAX_BATCH_BYTES && i > from) {
                return i - from;
            }
        }
        return end - from;
    }

    /**
     * An upper estimate of a value's BSON size: strings at three bytes a character (UTF-8's most for
     * the characters Java holds in one char), every element with its name and type.
     */
    static long estimatedSize(Object value) {
        if (value instanceof String s) {
            return 5L + 3L * s.length();
        }
        if (value instanceof Document d) {
            long size = 5;
            for (Map.Entry<String, Object> e : d.entrySet()) {
                size += 2L + 3L * e.getKey().length() + estimatedSize(e.getValue());
            }
            return size;
        }
        if (value instanceof Collection<?> c) {
            long size = 5;
            for (Object item : c) {
                size += 8 + estimatedSize(item);
            }
            return size;
        }
        if (value instanceof byte[] b) {
            return 5L + b.length;
        }
        if (value instanceof ObjectId) {
            return 12;
        }
        if (value == null || value instanceof Missing) {
            return 0;
        }
        return 16; // numbers, booleans, dates, timestamps, and anything else of fixed size
    }

    /** The documents a first batch left, handed out a bounded batch at a time. */
    static final class Cursor extends AbstractCursor {

        private List<Document> remaining;

        Cursor(long id, List<Document> remaining) {
            super(id);
            this.remaining = remaining;
        }

        @Override
        public synchronized boolean isEmpty() {
            return remaining.isEmpty();
        }

        /** The next batch: {@code numberToReturn} documents at most when positive, and no more than fit. */
        @Override
        public synchronized List<Document> takeDocuments(int numberToReturn) {
            int n = fitting(remaining, 0, numberToReturn);
            List<Document> batch = remaining.subList(0, n);
            remaining = remaining.subList(n, remaining.size());
            return batch;
        }
    }
}
