package com.krenalis.connector.http;

import com.krenalis.api.connector.CheckResult;
import com.krenalis.api.connector.Connector;
import com.krenalis.api.connector.ConnectorException;
import com.krenalis.api.connector.ConnectorKind;
import com.krenalis.api.connector.ConnectorSpec;
import com.krenalis.api.connector.FileStorage;
import com.krenalis.api.settings.FieldError;
import com.krenalis.api.settings.SettingField;
import com.krenalis.api.settings.Settings;
import com.krenalis.api.settings.SettingsSpec;
import com.krenalis.connector.storage.paths.StoragePath;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Files served over HTTP or HTTPS beneath a base URL: {@code open("dir/a.csv")} fetches {@code <baseUrl>dir/a.csv},
 * each segment percent-encoded. An HTTP server cannot list a directory or take a file, so {@link #list} and
 * {@link #create} are refused. Bodies are streamed, each read bounded by the timeout.
 *
 * <p>Delayed (the DS default); activation creates an idle timer only, its thread starts on the first read.
 */
@Component(service = Connector.class)
public final class HttpConnector implements Connector, FileStorage {
    static final String BASE_URL = "baseUrl";
    static final String AUTHORIZATION = "authorization";
    static final String TIMEOUT = "timeoutSeconds";

    private static final ConnectorSpec SPEC = new ConnectorSpec("http", "HTTP(S) URL", Set.of(ConnectorKind.FILE_STORAGE),
            "Reads files from a web server, beneath a base URL.",
            SettingsSpec.of(
                    SettingField.string(BASE_URL, "Base URL").asRequired()
                            .matching("(?i)https?://[^\\s]+", "An http:// or https:// URL; files are fetched beneath "
                                    + "it: with https://example.com/exports/, the file users.csv is "
                                    + "https://example.com/exports/users.csv."),
                    SettingField.secret(AUTHORIZATION, "Authorization header")
                            .describedAs("Sent as the Authorization header of every request, e.g. \"Bearer <token>\" "
                                    + "or \"Basic <base64>\". Only sent to the base URL's host."),
                    SettingField.integer(TIMEOUT, "Timeout (seconds)").range(1, 3600).withDefault(30)
                            .describedAs("How long to wait to connect, for the answer, and for each piece of a file.")));

    private final ScheduledExecutorService alarms;

    public HttpConnector() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "krenalis-http-connector-read-timeouts");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true); // a cancelled alarm per read must not pile up
        this.alarms = Executors.unconfigurableScheduledExecutorService(executor);
    }

    @Deactivate
    void deactivate() {
        alarms.shutdownNow();
    }

    @Override
    public ConnectorSpec spec() {
        return SPEC;
    }

    @Override
    public List<FieldError> validate(Settings settings) {
        List<FieldError> errors = new ArrayList<>();
        try {
            BaseUrl.parse(settings.requireString(BASE_URL));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(BASE_URL, e.getMessage()));
        }
        if (settings.string(AUTHORIZATION).filter(v -> v.chars().anyMatch(Character::isISOControl)).isPresent()) {
            errors.add(new FieldError(AUTHORIZATION, "must be one line (no line break or control character)"));
        }
        return errors;
    }

    /**
     * Asks for the base URL with HEAD, within the smaller of the two timeouts. Any answer but 401 (named on the
     * authorization) or a server error passes: many servers answer 403, 404 or 405 for a directory URL while serving
     * the files beneath it.
     */
    @Override
    public CheckResult check(Settings settings, Duration timeout) {
        List<FieldError> errors = validate(settings);
        if (!errors.isEmpty()) {
            return CheckResult.failed(errors.get(0).field(), errors.get(0).message());
        }
        Duration limit = timeout.compareTo(timeout(settings)) < 0 ? timeout : timeout(settings);
        BaseUrl base = BaseUrl.parse(settings.requireString(BASE_URL));
        HttpResponse<InputStream> response;
        try {
            response = fetcher(settings, limit).send("HEAD", base.uri(), "the base URL");
        } catch (ConnectorException e) {
            return CheckResult.failed(BASE_URL, e.getMessage());
        }
        Fetcher.close(response);
        int status = response.statusCode();
        if (status == 401) {
            return CheckResult.failed(AUTHORIZATION, "the server refused access to the base URL (HTTP 401): "
                    + (settings.string(AUTHORIZATION).isPresent() ? "check the authorization header"
                    : "it needs an authorization header"));
        }
        if (status >= 500) {
            return CheckResult.failed(BASE_URL, "the server answered HTTP " + status + " for the base URL");
        }
        if (status == 403) {
            return CheckResult.ok("the server answers, but forbids the base URL itself (HTTP 403), as many do for a "
                    + "directory; if files beneath it are refused too, check the authorization header");
        }
        return CheckResult.ok("the server answers (HTTP " + status + " for the base URL); files are fetched beneath it");
    }

    @Override
    public InputStream open(Settings settings, String path) throws ConnectorException {
        StoragePath file = StoragePath.file(path);
        BaseUrl base;
        try {
            base = BaseUrl.parse(settings.requireString(BASE_URL));
        } catch (IllegalArgumentException e) {
            throw new ConnectorException("baseUrl " + e.getMessage());
        }
        Duration timeout = timeout(settings);
        HttpResponse<InputStream> response = fetcher(settings, timeout).send("GET", base.resolve(file), file.toString());
        int status = response.statusCode();
        if (status / 100 == 2) {
            return new IdleTimeoutInputStream(response.body(), alarms, timeout.toMillis(), file.toString());
        }
        Fetcher.close(response);
        throw switch (status) {
            case 404, 410 -> new ConnectorException("not found: " + file);
            case 401, 403 -> new ConnectorException("access denied (HTTP " + status + ") to " + file
                    + ": check the authorization setting");
            default -> new ConnectorException("HTTP " + status + " for " + file);
        };
    }

    @Override
    public List<FileEntry> list(Settings settings, String directory) throws ConnectorException {
        throw new ConnectorException("an HTTP server cannot list a directory: name each file to import");
    }

    @Override
    public OutputStream create(Settings settings, String path) throws ConnectorException {
        throw new ConnectorException("an HTTP(S) URL storage is read-only");
    }

    private static Duration timeout(Settings settings) {
        return Duration.ofSeconds(settings.requireInteger(TIMEOUT));
    }

    private static Fetcher fetcher(Settings settings, Duration timeout) {
        return new Fetcher(BaseUrl.parse(settings.requireString(BASE_URL)), settings.string(AUTHORIZATION), timeout);
    }
}
