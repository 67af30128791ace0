package com.krenalis.api.profiles;

import java.time.Instant;
import java.util.List;

/**
 * One identity-resolution run.
 *
 * @param state       running, succeeded, failed (crashed or errored: the previous profiles stay), rolledBack
 * @param phases      the phases done so far with their durations
 * @param identities  identities read
 * @param profiles    profiles written
 * @param merges      profiles of this run made of identities of two or more previous profiles (new KPIDs)
 * @param splits      previous profiles whose identities went to two or more profiles of this run
 * @param rounds      connected-components rounds
 * @param guardHits   components larger than the settings' maximum, not merged across connections
 * @param error       why it failed, or null
 */
public record ResolutionRun(long id, long workspaceId, State state, Instant startedAt, Instant endedAt,
                            List<Phase> phases, long identities, long profiles, long merges, long splits, int rounds,
                            List<GuardHit> guardHits, String error) {

    public enum State { RUNNING, SUCCEEDED, FAILED, ROLLED_BACK }

    public record Phase(String name, long millis) {
    }

    /** A component over the guard: its size and the identifier values most shared inside it. */
    public record GuardHit(long identities, List<String> topValues) {
    }

    public ResolutionRun {
        phases = phases == null ? List.of() : List.copyOf(phases);
        guardHits = guardHits == null ? List.of() : List.copyOf(guardHits);
    }
}
