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
            boolean canReview,
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
            boolean canReview,
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

    public QueuePage queue(
            String reviewer,
            boolean canReview,
            Filters f,
            String cursor,
            String notice,
            com.adreview.api.ApiConfig api) {
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
                canReview,
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
                        evidence(f, submission.adPackage()),
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
        // Only a reviewer acts on a case; an auditor or admin reads it.
        boolean canReview = caller.has(com.adreview.api.Roles.REVIEWER);
        boolean mine = canReview
                && review.state() == ReviewState.CLAIMED
                && reviewer != null
                && reviewer.equals(review.claimedBy());
        return new CasePage(
                reviewer,
                canReview,
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
                canReview && review.state() == ReviewState.OPEN,
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
                        ? ConsoleFormat.moneyOf(
                                node.path("amount").decimalValue(),
                                node.path("currency").asText())
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

    /**
     * A finding's evidence per field, overlapping quotes merged (保 本 保 息 and 保 息 are one quote, 保 本 保 息),
     * quoted from the field as submitted.
     */
    static String evidence(Finding f, JsonNode pkg) {
        Map<String, List<Evidence>> byField = new java.util.LinkedHashMap<>();
        for (Evidence e : f.evidence()) {
            byField.computeIfAbsent(e.field(), k -> new ArrayList<>()).add(e);
        }
        List<String> parts = new ArrayList<>();
        byField.forEach((field, evidence) -> {
            JsonNode raw = field == null ? null : pkg.at("/" + field.replace('.', '/'));
            String text = raw != null && raw.isTextual() ? raw.asText() : null;
            Set<String> quotes = new LinkedHashSet<>();
            List<int[]> ranges = new ArrayList<>();
            for (Evidence e : evidence) {
                if (text != null
                        && e.start() != null
                        && e.end() != null
                        && e.start() >= 0
                        && e.start() < e.end()
                        && e.end() <= text.length()) {
                    ranges.add(new int[] {e.start(), e.end()});
                } else if (e.text() != null && !e.text().isEmpty()) {
                    quotes.add(e.text());
                }
            }
            for (int[] r : Highlights.merged(ranges)) {
                quotes.add(text.substring(r[0], r[1]));
            }
            parts.add(field + (quotes.isEmpty() ? "" : ": “" + String.join("”, “", quotes) + "”"));
        });
        return String.join("; ", parts);
    }

    /**
     * The ad's story in the words reviewers use: what happened to the ad (submitted, pulled, an appeal
     * granted and the ad live again) and to this case, each with the status change it made.
     */
    static List<HistoryLine> history(SubmissionView s, ReviewCaseView review) {
        List<HistoryLine> out = new ArrayList<>();
        out.add(new HistoryLine(
                s.receivedAt(),
                "提交，引擎判定 Submitted; the policy engine decided " + s.decision().status(),
                "gateway",
                "revision " + s.revision()));
        for (StatusChange c : s.statusChanges()) {
            out.add(new HistoryLine(
                    c.at(),
                    statusChange(c) + " (" + c.from() + " → " + c.to() + ")",
                    c.actor() == null ? "engine" : c.actor(),
                    c.reason() == null ? (c.complaintId() == null ? "" : "complaint " + c.complaintId()) : c.reason()));
        }
        for (ReviewCaseView.CaseEvent e : review.history()) {
            out.add(new HistoryLine(
                    e.at(), caseEvent(review.kind(), e), e.actor(), e.detail() == null ? "" : e.detail()));
        }
        out.sort((a, b) -> a.at().compareTo(b.at()));
        return out;
    }

    /** A status change as a reviewer says it. */
    static String statusChange(StatusChange c) {
        String cause = c.cause() == null ? "" : c.cause();
        return switch (cause) {
            case "APPEAL" -> c.to() == com.adreview.engine.SubmissionStatus.APPROVED
                    ? "申诉成立，广告恢复 Appeal granted: the ad is approved and runs again"
                    : "申诉驳回 Appeal denied: the decision stands";
            case "REVIEW" -> switch (c.to()) {
                case APPROVED -> c.from() == com.adreview.engine.SubmissionStatus.APPROVED
                        ? "复审通过，继续投放 Reviewer kept the live ad running"
                        : "审核通过 Reviewer approved the ad";
                case REJECTED -> "审核驳回 Reviewer rejected the ad";
                case PULLED -> "复审下线 Reviewer pulled the live ad";
                default -> "审核结论 Reviewer's verdict";
            };
            case "COMPLAINT" -> "因投诉下线 Pulled after complaints";
            case "CATEGORY_SUSPENDED" -> "类别暂停，下线 Pulled: its category is suspended";
            case "MANUAL_PULL" -> "人工下线 Pulled by a reviewer";
            case "REINSTATED" -> "恢复投放 Put back by a reviewer";
            case "IDENTITY_LINKED" -> "账户关联后重新判定 Decided again: accounts linked as one business";
            case "IDENTITY_UNLINKED" -> "账户解除关联后重新判定 Decided again: accounts unlinked";
            case "IDENTITY_ASSIGNED" -> "标识转移后重新判定 Decided again: an identifier changed hands";
            default -> "状态变更 Status changed (" + cause + ")";
        };
    }

    /** A case event as a reviewer says it. */
    static String caseEvent(ReviewKind kind, ReviewCaseView.CaseEvent e) {
        boolean appeal = kind == ReviewKind.APPEAL;
        String detail = e.detail() == null ? "" : e.detail();
        return switch (e.action()) {
            case "OPENED" -> appeal ? "广告主提出申诉 The advertiser appealed" : "进入审核队列 Sent to review";
            case "CLAIMED" -> "认领 Claimed";
            case "RELEASED" -> "释放回队列 Released to the queue";
            case "DECIDED" -> appeal
                    ? ("APPROVE".equals(detail) ? "申诉裁定：成立 Appeal decided: granted" : "申诉裁定：驳回 Appeal decided: denied")
                    : ("APPROVE".equals(detail) ? "裁定：通过 Decided: approve" : "裁定：驳回 Decided: reject");
            case "REOPENED" -> "重新打开 Reopened";
            case "CLOSED" -> "关闭 Closed";
            case "NOT_APPLIED" -> "裁定未能生效 The verdict could not be applied";
            default -> "案件 Case " + e.action();
        };
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
