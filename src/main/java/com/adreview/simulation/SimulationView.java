package com.adreview.simulation;

import com.adreview.engine.Category;
import com.adreview.engine.SubmissionStatus;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
        name = "PolicySimulation",
        description = "A candidate pack decided against the pack in force: progress and counts.")
public record SimulationView(
        @Schema(description = "The simulation's id.") String id,
        @Schema(description = "Where it is.") SimulationState state,
        @Schema(description = "Who asked for it.") String createdBy,
        @Schema(description = "When it was asked for.") Instant createdAt,
        @Schema(description = "When an instance began deciding, if one has.") Instant startedAt,
        @Schema(description = "When it was done, cancelled or failed.") Instant finishedAt,
        @Schema(description = "The candidate pack.") PackRef candidate,
        @Schema(description = "The pack in force it is compared with.") PackRef inForce,
        @Schema(description = "The time every decision is made as of (complaint windows, operating months).")
                Instant asOf,
        @Schema(description = "Days of past submissions also decided (0: the live ads only).") int recentDays,
        @Schema(description = "How far it is.") Progress progress,
        @Schema(description = "The live and waiting ads, decided with their context as of now.") Summary live,
        @Schema(
                        description =
                                "The submissions of the last recentDays days, each replayed in the context of its intake.")
                Summary recent,
        @Schema(description = "Who cancelled it, if someone did.") String cancelledBy,
        @Schema(description = "Why it failed, if it did.") String failure) {

    @Schema(name = "PolicySimulationPack", description = "A pack by its content hash and name.")
    public record PackRef(
            @Schema(description = "The pack's version: sha256 of its files.") String version,
            @Schema(description = "The name in its pack.yaml.") String name) {}

    @Schema(name = "PolicySimulationProgress", description = "How far the walk over the store is.")
    public record Progress(
            @Schema(
                            description =
                                    "Parts of the walk done (the live ads, one walk in id order; then the past submissions).")
                    int partsDone,
            @Schema(description = "Parts in all.") int parts,
            @Schema(description = "Ads and submissions decided so far, under both packs.") long decided,
            @Schema(description = "Of those, the ones the candidate changes.") long affected) {}

    @Schema(
            name = "PolicySimulationSummary",
            description = "What the candidate changes: by transition, by topic and rule, by category.")
    public record Summary(
            @Schema(description = "Ads decided under both packs.") long decided,
            @Schema(description = "Of those, the ones whose status or findings differ.") long affected,
            @Schema(description = "Affected ads by status under the pack in force → under the candidate.")
                    List<TransitionCount> transitions,
            @Schema(description = "Findings appearing and disappearing, by topic.") List<FindingCount> topics,
            @Schema(description = "Findings appearing and disappearing, by rule.") List<FindingCount> rules,
            @Schema(description = "Affected ads by category.") List<CategoryCount> categories) {}

    @Schema(name = "PolicySimulationTransition", description = "Affected ads going from one status to another.")
    public record TransitionCount(
            @Schema(description = "The status under the pack in force.") SubmissionStatus from,
            @Schema(description = "The status under the candidate.") SubmissionStatus to,
            @Schema(description = "How many ads go from one to the other.") long count) {}

    @Schema(name = "PolicySimulationFindingCount", description = "Findings of a topic or rule only one pack makes.")
    public record FindingCount(
            @Schema(description = "The topic or rule id.") String name,
            @Schema(description = "Ads where only the candidate makes it.") long appearing,
            @Schema(description = "Ads where only the pack in force makes it.") long disappearing) {}

    @Schema(name = "PolicySimulationCategory", description = "Affected ads of a category.")
    public record CategoryCount(
            @Schema(description = "The category.") Category category,
            @Schema(description = "Its ads the candidate changes.") long affected) {}
}
