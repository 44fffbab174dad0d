package com.adreview.simulation;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Candidate packs by version: what a simulation (or the shadow) decides with, on any instance. */
@ApplicationScoped
class CandidatePackStore implements PanacheMongoRepositoryBase<CandidatePackDocument, String> {

    /** Keeps the files unless this version is kept already; the same id always holds the same content. */
    void keep(String version, String name, Map<String, String> files, String actor, Instant at) {
        if (findByIdOptional(version).isPresent()) {
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

    Optional<Map<String, String>> files(String version) {
        return findByIdOptional(version).map(doc -> {
            Map<String, String> files = new LinkedHashMap<>();
            doc.files.forEach(f -> files.put(f.path, f.content));
            return files;
        });
    }
}
