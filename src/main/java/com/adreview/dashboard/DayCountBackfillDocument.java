package com.adreview.dashboard;

import io.quarkus.mongodb.panache.common.MongoEntity;
import java.time.Instant;
import org.bson.codecs.pojo.annotations.BsonId;

/**
 * The one backfill of day counts: its run, state and progress. Every step is one update guarded by the
 * run's id and where it was, so a run replaced by a new request stops at its next step, and a run resumed
 * after a crash goes on from the first page it had not recorded.
 */
@MongoEntity(collection = "dayCountBackfill")
public class DayCountBackfillDocument {

    static final String ID = "day-counts";

    @BsonId
    public String id;

    public String runId;
    public BackfillState state;
    public String requestedBy;
    public Instant requestedAt;
    public Instant startedAt;
    public Instant finishedAt;

    public BackfillPhase phase;

    /** The last id the phase's walk has recorded (hex); null at the start of a walk. */
    public String after;

    /** Pages recorded in the phase: the next page's number. */
    public int page;

    /** Records walked, and about how many there were when the run began. */
    public long submissionsRead;

    public long complaintsRead;
    public long pullsRead;
    public long submissionsTotal;
    public long complaintsTotal;

    /** About how many feed entries (pulls and every other ad status change) there were when the run began. */
    public long pullsTotal;

    /** Records counted: those the live path had not counted. */
    public long submissions;

    public long complaints;

    public long pulls;

    /**
     * Whether the feed's pulls are counted: by the live path from the first entry, or by a run that walked
     * them. False on a state recorded by a release that counted no pulls, whose holder then looks at the feed.
     */
    public boolean pullsCounted;

    /**
     * A run that walks the feed's pulls and sets their counts alone: the one a store gets whose decisions and
     * complaints were counted (live or by an earlier run) before pulls were. Its submissions' and complaints'
     * counts are left as they are: a whole run there could count records again that builds of the past counted
     * without marking them.
     */
    public boolean pullsOnly;

    /** Days given backfilled counts, and the oldest and newest of them (UTC, yyyy-MM-dd); set when done. */
    public int days;

    public String firstDay;
    public String lastDay;

    /** The last failure of a step, kept until a step succeeds; the step is retried at the next round. */
    public String lastError;

    public Instant updatedAt;
}
