package com.krenalis.connector.filesystem;

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
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Files on the server's own disk, under the directory a connection names as its root.
 *
 * <p>{@link #list} is not recursive: it returns the regular files directly in the directory (sub-directories are
 * skipped), sorted by path. {@link #create} writes a temporary file beside the target and renames it into place on
 * close. The operator may restrict the roots connections can name with the configuration {@value #PID}.
 *
 * <p>Delayed (the DS default for a service); reading the configuration is its only activation work.
 */
@Component(service = Connector.class, configurationPid = FileSystemConnector.PID)
@Designate(ocd = FileSystemConnector.Config.class)
public final class FileSystemConnector implements Connector, FileStorage {
    static final String PID = "com.krenalis.connector.filesystem";
    static final String ROOT = "root";

    @ObjectClassDefinition(name = "Krenalis local files connector", description = "Limits on the 'filesystem' connector")
    @interface Config {
        @AttributeDefinition(name = "Allowed roots", description = "Comma-separated absolute directories a connection's "
                + "root must be, or lie beneath. Empty: any directory the server can read.")
        String allowedRoots() default "";
    }

    private static final ConnectorSpec SPEC = new ConnectorSpec("filesystem", "Local files",
            Set.of(ConnectorKind.FILE_STORAGE),
            "Reads and writes files in a directory on the Krenalis server's own disk.",
            SettingsSpec.of(SettingField.string(ROOT, "Root directory").asRequired()
                    .matching("/.*", "An absolute directory path on the server, such as /var/krenalis/imports. "
                            + "Files are read and written under it and never outside it.")));

    private final AllowedRoots allowed;

    @Activate
    public FileSystemConnector(Config config) {
        this(AllowedRoots.parse(config.allowedRoots()));
    }

    FileSystemConnector(AllowedRoots allowed) {
        this.allowed = allowed;
    }

    @Override
    public ConnectorSpec spec() {
        return SPEC;
    }

    @Override
    public List<FieldError> validate(Settings settings) {
        String root = settings.requireString(ROOT);
        if (!Path.of(root).isAbsolute()) {
            return List.of(new FieldError(ROOT, "must be an absolute path"));
        }
        if (!allowed.allows(Path.of(root))) {
            return List.of(new FieldError(ROOT, Confinement.notAllowed(root, allowed)));
        }
        return List.of();
    }

    /** Resolves the root (it must exist and be allowed) and lists it, within the timeout (a network mount may hang). */
    @Override
    public CheckResult check(Settings settings, Duration timeout) {
        CompletableFuture<CheckResult> future = CompletableFuture.supplyAsync(() -> {
            try {
                int files = list(settings, "").size();
                return CheckResult.ok("the root directory can be read; it holds " + files + " file(s)");
            } catch (ConnectorException e) {
                return CheckResult.failed(ROOT, e.getMessage());
            }
        });
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return CheckResult.failed(ROOT, "the root directory did not answer within " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CheckResult.failed("the check was interrupted");
        } catch (ExecutionException e) {
            return CheckResult.failed(ROOT, "the root directory cannot be read: " + e.getCause().getClass().getSimpleName());
        }
    }

    @Override
    public InputStream open(Settings settings, String path) throws ConnectorException {
        StoragePath file = StoragePath.file(path);
        Path target = confinement(settings).resolve(file);
        if (!Files.exists(target)) {
            throw new ConnectorException("not found: " + file);
        }
        if (!Files.isRegularFile(target)) {
            throw new ConnectorException("not a file: " + file);
        }
        try {
            // resolve() returned the real path: refuse a link put there since (O_NOFOLLOW).
            return Files.newInputStream(target, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new ConnectorException("cannot read " + file + " (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    /**
     * The regular files directly in {@code directory} (not recursive). Skipped: links leading outside the root, and the
     * temporary files of writes in progress (".name.*.part"), so that an import never picks up half a file.
     */
    @Override
    public List<FileEntry> list(Settings settings, String directory) throws ConnectorException {
        StoragePath dir = StoragePath.directory(directory);
        Confinement confinement = confinement(settings);
        Path target = confinement.resolve(dir);
        if (!Files.isDirectory(target)) {
            throw new ConnectorException(Files.exists(target) ? "not a directory: " + dir : "not found: " + dir);
        }
        List<FileEntry> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(target)) {
            for (Path child : stream) {
                String name = child.getFileName().toString();
                if (!StoragePath.isPlainName(name) || AtomicFileOutputStream.isTemporary(name)) {
                    continue;
                }
                StoragePath path = dir.child(name);
                Path real;
                try {
                    real = confinement.resolve(path);
                } catch (ConnectorException outside) {
                    continue;
                }
                BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class);
                if (attributes.isRegularFile()) {
                    entries.add(new FileEntry(path.toString(), attributes.size(), attributes.lastModifiedTime().toInstant()));
                }
            }
        } catch (IOException e) {
            throw new ConnectorException("cannot list " + (dir.isRoot() ? "the root" : dir) + " ("
                    + e.getClass().getSimpleName() + ")", e);
        }
        entries.sort(Comparator.comparing(FileEntry::path));
        return entries;
    }

    /** Creates the missing parent directories; the file appears whole when the stream is closed. */
    @Override
    public OutputStream create(Settings settings, String path) throws ConnectorException {
        StoragePath file = StoragePath.file(path);
        Confinement confinement = confinement(settings);
        Path target = confinement.resolve(file);
        if (Files.isDirectory(target)) {
            throw new ConnectorException("a directory is in the way: " + file);
        }
        try {
            Files.createDirectories(target.getParent());
            // The directories just made are ours, but check again in case a link was swapped in meanwhile.
            confinement.resolve(file);
            return AtomicFileOutputStream.create(target);
        } catch (IOException e) {
            throw new ConnectorException("cannot create " + file + " (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private Confinement confinement(Settings settings) throws ConnectorException {
        return Confinement.of(settings.requireString(ROOT), allowed);
    }
}
