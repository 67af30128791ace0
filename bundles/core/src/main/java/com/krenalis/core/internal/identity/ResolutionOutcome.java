package com.krenalis.core.internal.identity;

import com.krenalis.api.profiles.ResolutionRun;
import java.util.List;

/** The figures of a finished run's warehouse work. */
record ResolutionOutcome(long identities, long profiles, long merges, long splits, int rounds,
                         List<ResolutionRun.GuardHit> guardHits) {
}
