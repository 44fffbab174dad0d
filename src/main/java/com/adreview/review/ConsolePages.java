package com.adreview.review;

import com.adreview.api.Page;
import com.adreview.api.PageRequest;
import com.adreview.complaint.ComplaintService;
import com.adreview.complaint.ComplaintView;
import com.adreview.engine.Category;
import com.adreview.engine.Evidence;
import com.adreview.engine.Finding;
import com.adreview.engine.Topic;
import com.adreview.entity.EntityService;
import com.adreview.entity.EntityView;
import com.adreview.security.Caller;
import com.adreview.submission.AdView;
import com.adreview.submission.StatusChange;
import com.adreview.submission.SubmissionService;
import com.adreview.submission.SubmissionView;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Assembles everything a console page shows, so that each page is one request and one response. */
@ApplicationScoped
public class ConsolePages {

    private static final int TIMELINE_LIMIT = 50;

    /** Package sections in the order a reviewer reads them, with a heading each. */
    private static final Map<String, String> SECTIONS = Map.of(
            "advertiser", "广告主 Advertiser",
            "icp", "ICP 许可 Licence",
            "product", "产品 Product",
            "creative", "创意 Creative");

    private static final List<String> SECTION_ORDER = List.of("creative", "advertiser", "icp", "product");

    private final ReviewService reviews;
    private final SubmissionService submissions;
    private final EntityService entities;
    private final ComplaintService complaints;

    public ConsolePages(
            ReviewService reviews, SubmissionService submissions, EntityService entities, ComplaintService complaints) {
        this.reviews = reviews;
        this.submissions = submissions;
        this.entities = entities;
        this.complaints = complaints;
    }

    /** The queue page's filters as given (null: any). */
    public record Filters(ReviewState state, ReviewKind kind, Category category, Topic topic, Boolean overdue) {
        public String stateName() {
            return state == null ? "" : state.name();
        }

        /** The state as a query parameter: ALL for any (absent means OPEN). */
        public String stateParam() {
            return state == null ? "ALL" : state.name();
        }

        public String kindName() {
            return kind == null ? "" : kind.name();
        }

        public String categoryName() {
            return category == null ? "" : category.name();
        }

        public String topicName() {
            return topic == null ? "" : topic.name();
        }

        public String overdueName() {
            return overdue == null ? "" : overdue.toString();
        }
    }

    public record QueuePage(
            String reviewer,
            Filters filters,
            List<ReviewCaseView> cases,
            String next,
            String notice,
            List<String> states,
            List<String> kinds,
            List<String> categories,
            List<String> topics) {}

    public record Row(String field, String label, List<Highlights.Segment> segments, Set<String> flags) {
        public boolean flagged() {
            return !flags.isEmpty();
        }

        public String flagLabel() {
            return String.join(", ", flags);
        }
    }

    public record Section(String title, List<Row> rows) {}

    public record FindingLine(Finding finding, String topicName, String meaning, String evidence, boolean inCase) {}

    public record HistoryLine(Instant at, String what, String who, String detail) {}

    public record CasePage(
            String reviewer,
            ReviewCaseView review,
            SubmissionView submission,
            List<Section> sections,
            List<FindingLine> findings,
            EntityView entity,
            List<EntityView> holders,
            List<ComplaintView> complaints,
            AdView ad,
            List<HistoryLine> history,
            boolean mine,
            boolean claimable,
            String notice,
            List<String> topics) {}

    public QueuePage queue(String reviewer, Filters f, String cursor, String notice, com.adreview.api.ApiConfig api) {
        var query = new ReviewQuery(
                f.state(),
                f.kind(),
                f.category() == null ? null : f.category().name(),
                f.topic() == null ? null : f.topic().name(),
                f.overdue(),
                null,
                null);
        Page<ReviewCaseView> page = reviews.list(query, PageRequest.of("50", cursor, api));
        return new QueuePage(
                reviewer,
                f,
                page.items(),
                page.next(),
                notice,
                names(ReviewState.values()),
                names(ReviewKind.values()),
                names(Category.values()),
                names(Topic.values()));
    }

    public CasePage reviewCase(String id, Caller caller, String notice) {
        String reviewer = caller.name();
        ReviewCaseView review = reviews.get(id);
        SubmissionView submission = submissions.get(review.submissionId(), caller);
        List<Finding> all = new ArrayList<>(submission.decision().findings());
        for (StatusChange change : submission.statusChanges()) {
            if (change.decision() != null) {
                all.addAll(change.decision().findings());
            }
        }
        Set<String> inCase = new LinkedHashSet<>();
        review.findings().forEach(f -> inCase.add(f.ruleId()));
        List<FindingLine> lines = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Finding f : concat(review.findings(), all)) {
            if (seen.add(f.ruleId() + "|" + f.message())) {
                lines.add(new FindingLine(
                        f,
                        f.topic() == null ? "REVIEWER" : f.topic().name(),
                        f.topic() == null ? "" : f.topic().meaning(),
                        evidence(f),
                        inCase.contains(f.ruleId())));
            }
        }
        EntityView entity = entities.ofAccount(submission.accountId());
        // An identity conflict is settled by comparing the accounts: each holder's entity beside the claimant's.
        List<EntityView> holders = new ArrayList<>();
        if (review.conflicts() != null) {
            review.conflicts().stream()
                    .map(c -> c.holder())
                    .distinct()
                    .filter(h -> !entity.identifiers().accounts().contains(h))
                    .forEach(h -> holders.add(entities.ofAccount(h)));
        }
        AdView ad = submissions.ad(submission.adId(), submission.accountId());
        boolean mine = review.state() == ReviewState.CLAIMED && reviewer != null && reviewer.equals(review.claimedBy());
        return new CasePage(
                reviewer,
                review,
                submission,
                sections(submission.adPackage(), concat(review.findings(), all)),
                lines,
                entity,
                holders,
                complaints.timeline(entity.identifiers(), TIMELINE_LIMIT),
                ad,
                history(submission, review),
                mine,
                review.state() == ReviewState.OPEN,
                notice,
                names(Topic.values()));
    }

    /** The package as sections of rows; text that evidence points at is cut into highlighted pieces. */
    static List<Section> sections(JsonNode pkg, List<Finding> findings) {
        // The copy first: it is what users see and where most evidence is.
        List<Section> out = new ArrayList<>();
        Section general = new Section("广告 Ad", new ArrayList<>());
        for (String name : SECTION_ORDER) {
            JsonNode node = pkg.get(name);
            if (node != null && node.isObject()) {
                List<Row> rows = new ArrayList<>();
                addRows(rows, name, node, findings);
                out.add(new Section(SECTIONS.get(name), rows));
            }
            if (name.equals("creative")) {
                out.add(general);
            }
        }
        Iterator<Map.Entry<String, JsonNode>> fields = pkg.fields();
        while (fields.hasNext()) {
            var e = fields.next();
            if (!SECTION_ORDER.contains(e.getKey())) {
                addRows(general.rows(), e.getKey(), e.getValue(), findings);
            }
        }
        return out;
    }

    private static void addRows(List<Row> rows, String path, JsonNode node, List<Finding> findings) {
        if (node.isObject() && !isMoney(node)) {
            node.fields().forEachRemaining(e -> addRows(rows, path + "." + e.getKey(), e.getValue(), findings));
            return;
        }
        String text = node.isTextual()
                ? node.asText()
                : isMoney(node)
                        ? node.path("amount").asText() + " "
                                + node.path("currency").asText()
                        : node.isArray() ? joined(node) : node.asText();
        List<Highlights.Mark> marks = new ArrayList<>();
        Set<String> flags = new LinkedHashSet<>();
        for (Finding f : findings) {
            String topic = f.topic() == null ? "REVIEWER" : f.topic().name();
            for (Evidence ev : f.evidence()) {
                if (!path.equals(ev.field())
                        && !(ev.field() != null && ev.field().startsWith(path + "["))) {
                    continue;
                }
                if (ev.start() != null && ev.end() != null && node.isTextual()) {
                    marks.add(new Highlights.Mark(ev.start(), ev.end(), topic));
                } else {
                    flags.add(topic);
                }
            }
        }
        String label = path.substring(path.lastIndexOf('.') + 1);
        rows.add(new Row(path, label, Highlights.segments(text, marks), flags));
    }

    private static boolean isMoney(JsonNode node) {
        return node.isObject() && node.has("amount") && node.has("currency") && node.size() == 2;
    }

    private static String joined(JsonNode array) {
        List<String> parts = new ArrayList<>();
        array.forEach(n -> parts.add(n.isTextual() ? n.asText() : n.toString()));
        return String.join(", ", parts);
    }

    private static String evidence(Finding f) {
        List<String> parts = new ArrayList<>();
        for (Evidence e : f.evidence()) {
            parts.add(e.field() + (e.text() == null || e.text().isEmpty() ? "" : ": “" + e.text() + "”"));
        }
        return String.join("; ", parts);
    }

    private static List<HistoryLine> history(SubmissionView s, ReviewCaseView review) {
        List<HistoryLine> out = new ArrayList<>();
        out.add(new HistoryLine(
                s.receivedAt(), "submitted → " + s.decision().status(), "gateway", "revision " + s.revision()));
        for (StatusChange c : s.statusChanges()) {
            out.add(new HistoryLine(
                    c.at(),
                    c.from() + " → " + c.to() + " (" + c.cause() + ")",
                    c.actor() == null ? "engine" : c.actor(),
                    c.reason() == null ? (c.complaintId() == null ? "" : "complaint " + c.complaintId()) : c.reason()));
        }
        for (ReviewCaseView.CaseEvent e : review.history()) {
            out.add(new HistoryLine(e.at(), "case " + e.action(), e.actor(), e.detail() == null ? "" : e.detail()));
        }
        out.sort((a, b) -> a.at().compareTo(b.at()));
        return out;
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }
}
