package com.krenalis.connector.sftp;

import com.krenalis.api.connector.ConnectorException;
import com.krenalis.api.settings.Settings;
import com.krenalis.connector.storage.paths.StoragePath;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.SshException;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;

/**
 * One connection: an SSH client, its authenticated session and the SFTP channel, closed together. Every wait is bounded
 * by {@code timeout}: connecting, authenticating, opening the channel, and each SFTP request (the session's idle
 * timeout, which the SFTP client also uses as its wait for each response).
 *
 * <p>Failures are {@link ConnectorException}s whose message names the field to look at; {@link #field} says which,
 * for {@code check}. Secrets are never part of a message.
 */
final class SftpSession implements AutoCloseable {
    private final SshClient client;
    private final ClientSession session;
    final SftpClient sftp;
    /** The real path of the root, as the server resolves it; every path must stay beneath it. */
    final String root;

    private SftpSession(SshClient client, ClientSession session, SftpClient sftp, String root) {
        this.client = client;
        this.session = session;
        this.sftp = sftp;
        this.root = root;
    }

    /** A failure to connect, with the setting to blame. */
    static final class Failure extends ConnectorException {
        private static final long serialVersionUID = 1L;
        final String field;

        Failure(String field, String message, Throwable cause) {
            super(message, cause);
            this.field = field;
        }
    }

    static SftpSession open(Settings settings, Duration timeout, HostKeyPin pin) throws Failure {
        String host = settings.requireString(SftpConnector.HOST);
        int port = (int) settings.requireInteger(SftpConnector.PORT);
        String username = settings.requireString(SftpConnector.USERNAME);
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(pin);
        CoreModuleProperties.IO_CONNECT_TIMEOUT.set(client, timeout);
        CoreModuleProperties.AUTH_TIMEOUT.set(client, timeout);
        CoreModuleProperties.IDLE_TIMEOUT.set(client, timeout.multipliedBy(2).plusSeconds(30));
        CoreModuleProperties.CHANNEL_OPEN_TIMEOUT.set(client, timeout);
        ClientSession session = null;
        try {
            client.start();
            try {
                session = client.connect(username, host, port).verify(timeout).getSession();
            } catch (IOException e) {
                throw new Failure(SftpConnector.HOST, "could not connect to " + host + ":" + port + " within "
                        + timeout.toSeconds() + " s (" + reason(e) + ")", e);
            }
            settings.string(SftpConnector.PASSWORD).ifPresent(session::addPasswordIdentity);
            if (settings.string(SftpConnector.PRIVATE_KEY).isPresent()) {
                try {
                    session.addPublicKeyIdentity(PrivateKeys.parse(settings.requireString(SftpConnector.PRIVATE_KEY)));
                } catch (IllegalArgumentException e) {
                    throw new Failure(SftpConnector.PRIVATE_KEY, "privateKey " + e.getMessage(), null);
                }
            }
            try {
                session.auth().verify(timeout);
            } catch (IOException e) {
                if (pin.refused()) {
                    throw new Failure(SftpConnector.HOST_KEY_FINGERPRINT, "the server's host key is " + pin.seen()
                            + ", not the pinned fingerprint: the server was re-keyed or this is not the right server", e);
                }
                if (pin.seen() == null || session.isClosed() && !isAuthFailure(e)) {
                    throw new Failure(SftpConnector.HOST, "the SSH handshake with " + host + " failed ("
                            + reason(e) + ")", e);
                }
                String field = settings.string(SftpConnector.PASSWORD).isPresent() ? SftpConnector.PASSWORD
                        : SftpConnector.PRIVATE_KEY;
                throw new Failure(field, "the server refused the " + (field.equals(SftpConnector.PASSWORD)
                        ? "password" : "key") + " of user " + username + " (" + reason(e) + ")", e);
            }
            SftpClient sftp;
            String root;
            try {
                sftp = SftpClientFactory.instance().createSftpClient(session);
            } catch (IOException e) {
                throw new Failure(SftpConnector.HOST, "the server did not open an SFTP channel (" + reason(e) + ")", e);
            }
            try {
                root = sftp.canonicalPath(settings.requireString(SftpConnector.ROOT));
                if (!sftp.stat(root).isDirectory()) {
                    throw new Failure(SftpConnector.ROOT, "root is not a directory on the server", null);
                }
            } catch (IOException e) {
                sftp.close();
                throw new Failure(SftpConnector.ROOT, "root directory cannot be opened on the server ("
                        + reason(e) + ")", e);
            }
            return new SftpSession(client, session, sftp, root);
        } catch (Failure e) {
            close(client, session);
            throw e;
        } catch (IOException | RuntimeException e) {
            close(client, session);
            throw new Failure(SftpConnector.HOST, "SFTP connection failed (" + reason(e) + ")", e);
        }
    }

    private static boolean isAuthFailure(IOException e) {
        String message = String.valueOf(e.getMessage()).toLowerCase();
        return message.contains("auth") || message.contains("no more authentication methods");
    }

    /**
     * The remote path of a relative path, after walking it from the root with the server: every existing segment that
     * is a symbolic link is read (at most 20 in a row) and its target, made absolute and normalized, must lie beneath
     * the root. Done by hand rather than with the server's realpath, which not every server resolves links in.
     */
    String resolve(StoragePath path) throws ConnectorException {
        String current = root;
        List<String> segments = path.segments();
        for (int i = 0; i < segments.size(); i++) {
            String next = join(current, segments.get(i));
            for (int hops = 0; ; hops++) {
                SftpClient.Attributes attributes;
                try {
                    attributes = sftp.lstat(next);
                } catch (SftpException e) {
                    if (e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE) {
                        // Nothing exists from here on, so there is no link left to follow.
                        String rest = String.join("/", segments.subList(i + 1, segments.size()));
                        return rest.isEmpty() ? next : next + "/" + rest;
                    }
                    throw failure(e, path);
                } catch (IOException e) {
                    throw failure(e, path);
                }
                if (!attributes.isSymbolicLink()) {
                    break;
                }
                if (hops == 20) {
                    throw new ConnectorException("path refused: too many symbolic links in " + path);
                }
                String link;
                try {
                    link = sftp.readLink(next);
                } catch (IOException e) {
                    throw failure(e, path);
                }
                String target = normalize(link.startsWith("/") ? link : parentOf(next) + "/" + link);
                if (!isBeneathRoot(target)) {
                    throw new ConnectorException("path refused: " + path + " leads outside the root through a link");
                }
                next = target;
            }
            current = next;
        }
        return current;
    }

    private boolean isBeneathRoot(String absolute) {
        return absolute.equals(root) || absolute.startsWith(root.endsWith("/") ? root : root + "/");
    }

    private static String join(String directory, String name) {
        return directory.endsWith("/") ? directory + name : directory + "/" + name;
    }

    private static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    /** An absolute path with "." and ".." resolved and repeated "/" collapsed, lexically. */
    static String normalize(String absolute) {
        Deque<String> parts = new ArrayDeque<>();
        for (String part : absolute.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(part);
            }
        }
        return "/" + String.join("/", parts);
    }

    /** The remote path of a relative path, without following links (for paths just checked, or made by us). */
    String remote(StoragePath path) {
        return path.isRoot() ? root : join(root, path.toString());
    }

    static ConnectorException failure(IOException e, StoragePath path) {
        if (e instanceof SftpException sftp) {
            return switch (sftp.getStatus()) {
                case SftpConstants.SSH_FX_NO_SUCH_FILE -> new ConnectorException("not found: " + path);
                case SftpConstants.SSH_FX_PERMISSION_DENIED -> new ConnectorException("permission denied: " + path);
                default -> new ConnectorException("SFTP error on " + path + ": "
                        + SftpConstants.getStatusName(sftp.getStatus()), e);
            };
        }
        return new ConnectorException("SFTP failed on " + path + " (" + reason(e) + ")", e);
    }

    static String reason(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause && cause instanceof SshException) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    @Override
    public void close() {
        try {
            sftp.close();
        } catch (IOException ignored) {
            // closing the session below releases it anyway
        }
        close(client, session);
    }

    private static void close(SshClient client, ClientSession session) {
        if (session != null) {
            session.close(true);
        }
        client.stop();
    }
}
