package com.krenalis.api.connector;

import com.krenalis.api.settings.Settings;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Capability of an event-source connector whose events come from web pages: it decides which page origins (the
 * browser's {@code Origin} header) a connection accepts. Requests without an Origin (servers, apps) are not asked.
 */
@ConsumerType
public interface OriginPolicy {

    /** Whether a connection with these settings accepts events posted by pages of {@code origin}. */
    boolean acceptsOrigin(Settings settings, String origin);
}
