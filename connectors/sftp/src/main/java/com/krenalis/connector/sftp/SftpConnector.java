package com.krenalis.connector.sftp;

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
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.apache.sshd.sftp.client.SftpClient;
import org.osgi.service.component.annotations.Component;

/**
 * Files on an SFTP server, beneath a remote directory. Authenticates with a password or a private key (exactly one).
 * The server's host key is checked against a pinned SHA-256 fingerprint when one is set; when none is, any key is
 * accepted and {@code check} shows the key's fingerprint so that the user can pin it.
 *
 * <p>{@link #list} is not recursive: the regular files directly in the directory, sorted. {@link #create} writes a
 * temporary file beside the target and renames it over the target on close. Each operation opens its own connection
 * ({@link SftpSession}), closed with the stream it returns.
 *
 * <p>Delayed (the DS default); activation does nothing.
 */
@Component(service = Connector.class)
public final class SftpConnector implements Connector, FileStorage {
    static final String HOST = "host";
    static final String PORT = "port";
    static final String USERNAME = "username";
    static final String PASSWORD = "password";
    static final String PRIVATE_KEY = "privateKey";
    static final String HOST_KEY_FINGERPRINT = "hostKeyFingerprint";
    static final String ROOT = "root";
    /** The bound on every wait of open, list and create (check has its own). */
    static final Duration OPERATION_TIMEOUT = Duration.ofSeconds(30);

    private static final ConnectorSpec SPEC = new ConnectorSpec("sftp", "SFTP", Set.of(ConnectorKind.FILE_STORAGE),
            "Reads and writes files on an SFTP server, beneath a remote directory.",
            SettingsSpec.of(
                    SettingField.string(HOST, "Host").asRequired()
                            .matching("[A-Za-z0-9.:\\[\\]_-]+", "a host name or IP address"),
                    SettingField.integer(PORT, "Port").range(1, 65535).withDefault(22),
                    SettingField.string(USERNAME, "User name").asRequired(),
                    SettingField.secret(PASSWORD, "Password")
                            .describedAs("Either a password or a private key."),
                    SettingField.secret(PRIVATE_KEY, "Private key").maxLength(16_384)
                            .describedAs("An unencrypted private key in OpenSSH or PEM format; its line breaks may be "
                                    + "replaced by spaces. Either a password or a private key."),
                    SettingField.string(HOST_KEY_FINGERPRINT, "Host key fingerprint")
                            .matching("SHA256:[A-Za-z0-9+/]{43}=?", "the server key's SHA-256 fingerprint as "
                                    + "ssh-keygen -l prints it (SHA256:...). Empty: any key is accepted, and the "
                                    + "check shows the fingerprint to pin."),
                    SettingField.string(ROOT, "Remote directory").withDefault(".")
                            .describedAs("Files are read and written beneath it; \".\" is the user's home directory.")));

    @Override
    public ConnectorSpec spec() {
        return SPEC;
    }

    @Override
    public List<FieldError> validate(Settings settings) {
        boolean password = settings.string(PASSWORD).isPresent();
        boolean key = settings.string(PRIVATE_KEY).isPresent();
        if (password == key) {
            String message = password ? "give a password or a private key, not both" : "give a password or a private key";
            return List.of(new FieldError(PASSWORD, message), new FieldError(PRIVATE_KEY, message));
        }
        if (key) {
            try {
                PrivateKeys.parse(settings.requireString(PRIVATE_KEY));
            } catch (IllegalArgumentException e) {
                return List.of(new FieldError(PRIVATE_KEY, e.getMessage()));
            }
        }
        return List.of();
    }

    /** Connects, checks the host key, authenticates and opens the root, within the timeout. */
    @Override
    public CheckResult check(Settings settings, Duration timeout) {
        List<FieldError> errors = validate(settings);
        if (!errors.isEmpty()) {
            return CheckResult.failed(errors.get(0).field(), errors.get(0).message());
        }
        HostKeyPin pin = new HostKeyPin(settings.string(HOST_KEY_FINGERPRINT));
        try (SftpSession session = SftpSession.open(settings, timeout, pin)) {
            String files = session.sftp.stat(session.root).isDirectory() ? "the remote directory can be read" : "";
            return CheckResult.ok(settings.string(HOST_KEY_FINGERPRINT).isPresent()
                    ? "connected; the host key matches the pinned fingerprint; " + files
                    : "connected; " + files + ". The server's host key is " + pin.seen() + ": set it as "
                    + "hostKeyFingerprint so that a different server is refused");
        } catch (SftpSession.Failure e) {
            return CheckResult.failed(e.field, e.getMessage());
        } catch (IOException e) {
            return CheckResult.failed(ROOT, "the remote directory cannot be read (" + SftpSession.reason(e) + ")");
        }
    }

    @Override
    public InputStream open(Settings settings, String path) throws ConnectorException {
        StoragePath file = StoragePath.file(path);
        SftpSession session = connect(settings);
        try {
            String remote = session.resolve(file);
            SftpClient.Attributes attributes = session.sftp.stat(remote);
            if (!attributes.isRegularFile()) {
                throw new ConnectorException("not a file: " + file);
            }
            return new FilterInputStream(session.sftp.read(remote)) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        session.close();
                    }
                }
            };
        } catch (IOException e) {
            session.close();
            throw SftpSession.failure(e, file);
        } catch (ConnectorException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /** The regular files directly in {@code directory} (not recursive), sorted; links and directories are skipped. */
    @Override
    public List<FileEntry> list(Settings settings, String directory) throws ConnectorException {
        StoragePath dir = StoragePath.directory(directory);
        try (SftpSession session = connect(settings)) {
            String remote = session.resolve(dir);
            List<FileEntry> entries = new ArrayList<>();
            for (SftpClient.DirEntry entry : session.sftp.readDir(remote)) {
                String name = entry.getFilename();
                if (StoragePath.isPlainName(name) && !SftpUpload.isTemporary(name) && entry.getAttributes().isRegularFile()) {
                    SftpClient.Attributes attributes = entry.getAttributes();
                    entries.add(new FileEntry(dir.child(name).toString(), attributes.getSize(),
                            attributes.getModifyTime() == null ? null : attributes.getModifyTime().toInstant()));
                }
            }
            entries.sort(Comparator.comparing(FileEntry::path));
            return entries;
        } catch (IOException e) {
            throw SftpSession.failure(e, dir);
        }
    }

    /** Creates missing parent directories; the file appears whole when the stream is closed. */
    @Override
    public OutputStream create(Settings settings, String path) throws ConnectorException {
        StoragePath file = StoragePath.file(path);
        SftpSession session = connect(settings);
        try {
            session.resolve(file);
            return SftpUpload.start(session, file);
        } catch (ConnectorException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    private static SftpSession connect(Settings settings) throws ConnectorException {
        return SftpSession.open(settings, OPERATION_TIMEOUT, new HostKeyPin(settings.string(HOST_KEY_FINGERPRINT)));
    }
}
