package com.krenalis.api.platform;

import java.time.Instant;
import org.osgi.annotation.versioning.ProviderType;

/** Whether the server can serve requests: its metadata store answers. */
@ProviderType
public interface PlatformStatus {

    /** Checks the metadata store now (bounded by a short timeout). */
    boolean healthy();

    String version();

    Instant startedAt();
}
