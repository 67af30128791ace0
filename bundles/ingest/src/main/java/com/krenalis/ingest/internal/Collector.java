package com.krenalis.ingest.internal;

import static java.util.Objects.requireNonNull;

import com.krenalis.api.connector.Connector;
import com.krenalis.api.connector.OriginPolicy;
import com.krenalis.api.platform.ConnectionService;
import com.krenalis.api.platform.EventLog;
import com.krenalis.api.platform.EventSourceTarget;
import com.krenalis.api.platform.ExtensionCatalog;
import com.krenalis.api.platform.UnavailableException;
import com.krenalis.api.settings.InvalidSettingsException;
import com.krenalis.api.settings.Settings;
import com.krenalis.ingest.internal.protocol.Collected;
import com.krenalis.ingest.internal.protocol.CollectorProtocol;
import com.krenalis.ingest.internal.protocol.Endpoint;
import com.krenalis.ingest.internal.protocol.Limits;
import com.krenalis.ingest.internal.protocol.ProtocolException;
import com.krenalis.ingest.internal.protocol.RequestInfo;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The collector: what every tracking-protocol request goes through (shared/spec/tracking-protocol.md), whichever
 * resource received it. A request is answered 200 only once all its events are committed to the event log.
 */
@Component(service = Collector.class)
@Designate(ocd = CollectorConfig.class)
public final class Collector {

    private final ConnectionService connections;
    private final EventLog eventLog;
    private final ExtensionCatalog catalog;
    private final LiveEventHub live;
    private final CollectorProtocol protocol;
    private final int maxRequestBytes;
    private final long commitTimeoutMillis;
    private final RateLimiter rateLimiter;

    @Activate
    public Collector(CollectorConfig config, @Reference ConnectionService connections, @Reference EventLog eventLog,
                             @Reference ExtensionCatalog catalog, @Reference LiveEventHub live) {
        this.connections = requireNonNull(connections);
        this.eventLog = requireNonNull(eventLog);
        this.catalog = requireNonNull(catalog);
        this.live = requireNonNull(live);
        this.maxRequestBytes = config.maxRequestBytes();
        this.protocol = new CollectorProtocol(new Limits(config.maxEventBytes(), config.maxRequestBytes(), 64));
        this.commitTimeoutMillis = TimeUnit.SECONDS.toMillis(config.commitTimeoutSeconds());
        this.rateLimiter = new RateLimiter(config.rateLimitEventsPerSecond());
    }

    /** A POST of events to one of the protocol's paths. */
    Response collect(HttpHeaders headers, UriInfo uri, HttpServletRequest http, InputStream body) {
        try {
            Endpoint endpoint = Endpoint.forPath("/" + uri.getPath())
                    .orElseThrow(() -> new CollectorError(404, "not_found", "no collector endpoint " + uri.getPath()));
            String headerKey = WriteKeys.fromRequest(headers.getHeaderString(HttpHeaders.AUTHORIZATION),
                    uri.getQueryParameters().getFirst("writeKey"));
            EventSourceTarget early;
            try {
                early = headerKey == null ? null : source(headerKey); // refuse bad keys before reading the body
            } catch (CollectorError e) {
                // The body stays unread, so the connection cannot be reused: say so (clients then open a new one).
                return CollectorCors.allow(Response.fromResponse(Answers.error(e)).header("Connection", "close").build(), headers);
            }
            byte[] bytes = RequestBody.read(body, headers.getHeaderString("Content-Encoding"), maxRequestBytes);
            Instant receivedAt = Instant.now();
            Collected collected = protocol.collect(endpoint, bytes, new RequestInfo(receivedAt, http.getRemoteAddr()));
            EventSourceTarget target = early != null ? early : source(collected.bodyWriteKey());
            checkOrigin(target, headers.getHeaderString("Origin"));
            return CollectorCors.allow(append(target, collected, receivedAt), headers);
        } catch (CollectorError e) {
            return CollectorCors.allow(Answers.error(e), headers);
        } catch (ProtocolException e) {
            return CollectorCors.allow(Answers.invalid(e), headers);
        } catch (UnavailableException e) {
            return CollectorCors.allow(Answers.unavailable(e.getMessage()), headers);
        }
    }

    /** {@code /pixel/v1/track} and {@code /pixel/v1/page}: the event in the query string, a GIF in answer. */
    Response pixel(HttpHeaders headers, UriInfo uri, HttpServletRequest http) {
        try {
            Endpoint.Pixel endpoint = (Endpoint.Pixel) Endpoint.forPath("/" + uri.getPath()).orElseThrow();
            Instant receivedAt = Instant.now();
            Collected collected = protocol.collectPixel(endpoint, uri.getQueryParameters(),
                    new RequestInfo(receivedAt, http.getRemoteAddr()));
            String key = WriteKeys.fromRequest(headers.getHeaderString(HttpHeaders.AUTHORIZATION), null);
            Response r = append(source(key != null ? key : collected.bodyWriteKey()), collected, receivedAt);
            return r.getStatus() == 200 ? Answers.pixel() : r;
        } catch (CollectorError e) {
            return Answers.error(e);
        } catch (ProtocolException e) {
            return Answers.invalid(e);
        } catch (UnavailableException e) {
            return Answers.unavailable(e.getMessage());
        }
    }

    private EventSourceTarget source(String writeKey) {
        if (writeKey == null) {
            throw new CollectorError(401, "unauthorized",
                    "missing write key: send it as the HTTP Basic user name, a Bearer token, ?writeKey= or writeKey in the body");
        }
        EventSourceTarget target = connections.resolveWriteKey(writeKey)
                .orElseThrow(() -> new CollectorError(401, "unauthorized", "unknown or revoked write key"));
        if (!target.enabled()) {
            throw new CollectorError(404, "source_disabled", "the source of this write key is disabled");
        }
        return target;
    }

    /** A browser request (it has an Origin) is checked against the source connector's origin policy, if it has one. */
    private void checkOrigin(EventSourceTarget target, String origin) {
        if (origin == null) {
            return;
        }
        Connector connector = catalog.connector(target.connector()).orElse(null);
        if (connector instanceof OriginPolicy policy) {
            Settings settings;
            try {
                settings = connector.spec().settings().validate(target.settings());
            } catch (InvalidSettingsException e) {
                throw new CollectorError(503, "unavailable", "the source's settings do not fit its connector any more: " + e.getMessage());
            }
            if (!policy.acceptsOrigin(settings, origin)) {
                throw new CollectorError(403, "origin_not_allowed", "pages of " + origin + " may not send events to this source");
            }
        }
    }

    private Response append(EventSourceTarget target, Collected collected, Instant receivedAt) {
        long wait = rateLimiter.tryAcquire(target.workspaceId(), collected.events().size(), System.nanoTime());
        if (wait > 0) {
            return Answers.rateLimited(wait);
        }
        List<EventLog.Event> events = collected.events().stream()
                .map(e -> new EventLog.Event(e.messageId(), receivedAt, e.json())).toList();
        try {
            eventLog.append(target.workspaceId(), target.connectionId(), events).toCompletableFuture()
                    .get(commitTimeoutMillis, TimeUnit.MILLISECONDS);
            if (live.hasSubscribers(target.connectionId())) {
                live.publish(target.connectionId(), events.stream().map(EventLog.Event::json).toList());
            }
            return Answers.success();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof UnavailableException u ? u
                    : new UnavailableException("events could not be stored: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            // The events may still commit; the client's retry is deduplicated by messageId.
            throw new UnavailableException("the events were not committed within " + commitTimeoutMillis / 1000 + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted while waiting for the commit");
        }
    }
}
