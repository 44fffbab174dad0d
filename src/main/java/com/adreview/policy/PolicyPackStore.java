package com.adreview.policy;

import com.adreview.engine.PolicyPack;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Optional;

/** Every pack version that has decided a submission, keyed by version. */
@ApplicationScoped
class PolicyPackStore implements PanacheMongoRepositoryBase<PolicyPackDocument, String> {

    /** Records the pack unless this version is already kept; idempotent and safe to race. */
    void remember(PolicyPack pack, Instant at) {
        if (findByIdOptional(pack.version()).isPresent()) {
            return;
        }
        PolicyPackDocument doc = new PolicyPackDocument();
        doc.id = pack.version();
        doc.name = pack.name();
        doc.firstUsedAt = at;
        doc.files = new ArrayList<>();
        pack.sources().forEach((path, content) -> {
            PolicyPackDocument.SourceFile f = new PolicyPackDocument.SourceFile();
            f.path = path;
            f.content = content;
            doc.files.add(f);
        });
        doc.files.sort((a, b) -> a.path.compareTo(b.path));
        // Same id, same content: a concurrent writer of the same version writes the same document.
        mongoCollection().replaceOne(Filters.eq("_id", doc.id), doc, new ReplaceOptions().upsert(true));
    }

    Optional<PolicyPackDocument> byVersion(String version) {
        return findByIdOptional(version);
    }
}
