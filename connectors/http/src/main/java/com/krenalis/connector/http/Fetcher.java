package com.krenalis.connector.http;

import com.krenalis.api.connector.ConnectorException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Sends GET or HEAD requests for one connection and follows redirects itself, at most {@value #MAX_REDIRECTS}, and only
 * to the same scheme, host and port as the base URL: the Authorization header goes with every request, so a redirect
 * to another host would hand the credentials to it (and one from https to http would send them in clear). The JDK
 * client's own redirect policy cannot express that, so it is off.
 *
 * <p>Messages name the path relative to the root, never the URL or the header.
 */
final class Fetcher {
    static final int MAX_REDIRECTS = 5;

    private final BaseUrl base;
    private final Optional<String> authorization;
    private final Duration timeout;
    private final HttpClient client;

    Fetcher(BaseUrl base, Optional<String> authorization, Duration timeout) {
        this.base = base;
        this.authorization = authorization;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout)
                .build();
    }

    /**
     * The final response (its body still open), after same-origin redirects, all within the timeout; {@code what}
     * names the file in messages.
     */
    HttpResponse<InputStream> send(String method, URI uri, String what) throws ConnectorException {
        long deadline = System.nanoTime() + timeout.toNanos();
        URI current = uri;
        for (int redirects = 0; ; redirects++) {
            Duration left = Duration.ofNanos(deadline - System.nanoTime());
            if (left.toMillis() < 1) {
                throw new ConnectorException("the server did not answer within " + timeout.toSeconds() + " s for " + what);
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(current).timeout(left)
                    .method(method, HttpRequest.BodyPublishers.noBody());
            authorization.ifPresent(value -> request.header("Authorization", value));
            HttpResponse<InputStream> response = exchange(request.build(), what);
            int status = response.statusCode();
            if (!isRedirect(status)) {
                return response;
            }
            close(response);
            Optional<String> location = response.headers().firstValue("Location");
            if (location.isEmpty()) {
                throw new ConnectorException("HTTP " + status + " without a Location for " + what);
            }
            if (redirects == MAX_REDIRECTS) {
                throw new ConnectorException("more than " + MAX_REDIRECTS + " redirects for " + what);
            }
            URI next;
            try {
                next = current.resolve(location.get());
            } catch (IllegalArgumentException e) {
                throw new ConnectorException("the server redirected " + what + " to an invalid URL");
            }
            if (!base.sameOrigin(next)) {
                throw new ConnectorException("the server redirected " + what + " to another host, scheme or port; "
                        + "refused so that the authorization is not sent there (set baseUrl to the final location)");
            }
            current = next;
        }
    }

    private HttpResponse<InputStream> exchange(HttpRequest request, String what) throws ConnectorException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException e) {
            throw new ConnectorException("could not connect within " + timeout.toSeconds() + " s to fetch " + what, e);
        } catch (HttpTimeoutException e) {
            throw new ConnectorException("the server did not answer within " + timeout.toSeconds() + " s for " + what, e);
        } catch (ConnectException e) {
            throw new ConnectorException("connection refused by the server while fetching " + what, e);
        } catch (UnknownHostException e) {
            throw new ConnectorException("unknown host in baseUrl", e);
        } catch (SSLException e) {
            throw new ConnectorException("TLS failed while fetching " + what + " (is the server's certificate trusted "
                    + "by the server's Java runtime?): " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ConnectorException("could not fetch " + what + " (" + e.getClass().getSimpleName() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException("interrupted while fetching " + what, e);
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    static void close(HttpResponse<InputStream> response) {
        try {
            response.body().close();
        } catch (IOException ignored) {
            // nothing more to read from it
        }
    }
}
