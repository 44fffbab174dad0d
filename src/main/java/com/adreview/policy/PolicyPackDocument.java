package com.adreview.policy;

import io.quarkus.mongodb.panache.common.MongoEntity;
import java.time.Instant;
import java.util.List;
import org.bson.codecs.pojo.annotations.BsonId;

/** A pack version that decided something, kept whole so its decisions can be replayed. */
@MongoEntity(collection = "policyPacks")
public class PolicyPackDocument {

    /** The pack version (content hash). */
    @BsonId
    public String id;

    public String name;
    public Instant firstUsedAt;
    public List<SourceFile> files;

    /** One file of the pack; paths contain dots, so they are values here, not keys. */
    public static class SourceFile {
        public String path;
        public String content;
    }
}
