package com.adreview.simulation;

import io.quarkus.mongodb.panache.common.MongoEntity;
import java.time.Instant;
import java.util.List;
import org.bson.codecs.pojo.annotations.BsonId;

/** A candidate pack's files, kept by version so that any instance can rebuild it. */
@MongoEntity(collection = "policyCandidates")
public class CandidatePackDocument {

    /** The pack version (content hash). */
    @BsonId
    public String id;

    public String name;
    public Instant storedAt;
    public String storedBy;
    public List<SourceFile> files;

    /** One file; paths contain dots, so they are values here, not keys. */
    public static class SourceFile {
        public String path;
        public String content;
    }
}
