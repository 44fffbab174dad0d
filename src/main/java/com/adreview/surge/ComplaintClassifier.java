package com.adreview.surge;

import com.adreview.complaint.ComplaintService;
import com.adreview.complaint.EntityKeys;
import com.adreview.identity.Entity;
import com.adreview.identity.IdentityService;
import com.adreview.submission.SubmissionService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a complaint counts against for complaint surges: the entities its subject reaches (as enforcement
 * finds them) and the categories their current ads are in; written on the complaint, so that a category's
 * or an entity's complaints are read by an index. Fixed when the complaint arrives: a link made later
 * does not move old complaints between entities' surge counts (it does move them in their records).
 */
@ApplicationScoped
public class ComplaintClassifier {

    private final IdentityService identities;
    private final SubmissionService submissions;
    private final ComplaintService complaints;

    public ComplaintClassifier(IdentityService identities, SubmissionService submissions, ComplaintService complaints) {
        this.identities = identities;
        this.submissions = submissions;
        this.complaints = complaints;
    }

    /** What a complaint was counted against. */
    public record Classified(List<String> entities, List<String> categories) {}

    /** Works out, stores and returns what the complaint counts against. */
    public Classified classify(ComplaintService.Counted complaint) {
        Set<String> accounts = identities.accountsAnswering(complaint.subject());
        List<String> entities = new ArrayList<>();
        Set<String> reached = new HashSet<>();
        for (Entity entity : identities.entitiesOf(accounts)) {
            entities.add(entityKey(entity));
            reached.addAll(entity.accounts());
        }
        if (entities.isEmpty()) {
            entities.addAll(identifierKeys(complaint.subject()));
        }
        List<String> categories = new ArrayList<>(submissions.categoriesOfAccounts(reached));
        complaints.classify(complaint, entities, categories);
        Collections.sort(entities);
        return new Classified(List.copyOf(new TreeSet<>(entities)), List.copyOf(new TreeSet<>(categories)));
    }

    /** An entity's key: its first account (accounts linked later join it under the first one's name). */
    static String entityKey(Entity entity) {
        return "account:" + new TreeSet<>(entity.accounts()).first();
    }

    /** A complaint no account answers is counted against the identifiers it names, each its own subject. */
    private static List<String> identifierKeys(EntityKeys subject) {
        List<String> keys = new ArrayList<>();
        subject.creditCodes().forEach(v -> keys.add("creditCode:" + v));
        subject.domains().forEach(v -> keys.add("domain:" + v));
        subject.appIds().forEach(v -> keys.add("appId:" + v));
        subject.accounts().forEach(v -> keys.add("account:" + v));
        return keys;
    }
}
