package com.adreview.simulation;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Candidate packs by version: what a simulation (or the shadow) decides with, on any instance. */
@ApplicationScoped
class CandidatePackStore implements PanacheMongoRepositoryBase<CandidatePackDocument, String> {

    void onStart(@Observes StartupEvent event) {
        mongoCollection().createIndex(Indexes.ascending("storedAt"));
    }

    /**
     * Keeps the files unless this version is kept already (the same id always holds the same content);
     * either way it is marked as received now, so that a purge that found it unused a moment ago, older
     * than the retention, does not delete it now (its delete is guarded by the time it saw).
     */
    void keep(String version, String name, Map<String, String> files, String actor, Instant at) {
        if (mongoCollection()
                        .updateOne(Filters.eq("_id", version), Updates.max("storedAt", at))
                        .getMatchedCount()
                > 0) {
            return;
        }
        CandidatePackDocument doc = new CandidatePackDocument();
        doc.id = version;
        doc.name = name;
        doc.storedAt = at;
        doc.storedBy = actor;
        doc.files = new ArrayList<>();
        files.forEach((path, content) -> {
            CandidatePackDocument.SourceFile f = new CandidatePackDocument.SourceFile();
            f.path = path;
            f.content = content;
            doc.files.add(f);
        });
        mongoCollection().replaceOne(Filters.eq("_id", version), doc, new ReplaceOptions().upsert(true));
    }

    /** Versions received last before {@code cutoff}, at most {@code limit}, oldest first. */
    List<CandidatePackDocument> receivedBefore(Instant cutoff, int limit) {
        return mongoCollection()
                .find(Filters.lt("storedAt", cutoff))
                .projection(Projections.include("storedAt"))
                .sort(Sorts.ascending("storedAt"))
                .limit(limit)
                .into(new ArrayList<>());
    }

    /** Deletes a version unless it was received again after {@code storedAt}. */
    boolean forget(String version, Instant storedAt) {
        return mongoCollection()
                        .deleteOne(Filters.and(Filters.eq("_id", version), Filters.lte("storedAt", storedAt)))
                        .getDeletedCount()
                > 0;
    }

    Optional<Map<String, String>> files(String version) {
        return findByIdOptional(version).map(doc -> {
            Map<String, String> files = new LinkedHashMap<>();
            doc.files.forEach(f -> files.put(f.path, f.content));
            return files;
        });
    }
}
