package com.krenalis.connector.sftp;

import com.krenalis.api.connector.ConnectorException;
import com.krenalis.connector.storage.paths.StoragePath;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.UUID;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.extensions.openssh.OpenSSHPosixRenameExtension;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;

/**
 * A file being written: the bytes go to ".name.<random>.part" beside the target, renamed over it on close. With the
 * "posix-rename@openssh.com" extension (OpenSSH and most servers) the rename replaces the target atomically; without
 * it, SFTP's plain rename cannot replace a file, so the old one is removed first and a reader may briefly find no file
 * (never half of one).
 */
final class SftpUpload extends FilterOutputStream {
    private static final String SUFFIX = ".part";
    private final SftpSession session;
    private final String temp;
    private final String target;
    private final StoragePath path;
    private boolean closed;

    private SftpUpload(OutputStream out, SftpSession session, String temp, String target, StoragePath path) {
        super(out);
        this.session = session;
        this.temp = temp;
        this.target = target;
        this.path = path;
    }

    static boolean isTemporary(String name) {
        return name.startsWith(".") && name.endsWith(SUFFIX);
    }

    static SftpUpload start(SftpSession session, StoragePath path) throws ConnectorException {
        try {
            makeDirectories(session, path.parent());
            session.resolve(path); // the directories exist now: check them again against links
            String target = session.remote(path);
            String temp = session.remote(path.parent().child("." + path.name() + "." + UUID.randomUUID() + SUFFIX));
            return new SftpUpload(session.sftp.write(temp), session, temp, target, path);
        } catch (IOException e) {
            throw SftpSession.failure(e, path);
        }
    }

    private static void makeDirectories(SftpSession session, StoragePath directory) throws IOException {
        StoragePath made = StoragePath.ROOT;
        for (String segment : directory.segments()) {
            made = made.child(segment);
            String remote = session.remote(made);
            try {
                if (!session.sftp.stat(remote).isDirectory()) {
                    throw new SftpException(SftpConstants.SSH_FX_FAILURE, "not a directory");
                }
            } catch (SftpException e) {
                if (e.getStatus() != SftpConstants.SSH_FX_NO_SUCH_FILE) {
                    throw e;
                }
                session.sftp.mkdir(remote);
            }
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len); // FilterOutputStream would write byte by byte
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            super.close();
            SftpClient sftp = session.sftp;
            if (sftp.getServerExtensions().containsKey("posix-rename@openssh.com")) {
                sftp.getExtension(OpenSSHPosixRenameExtension.class).posixRename(temp, target);
            } else {
                try {
                    sftp.remove(target);
                } catch (SftpException e) {
                    if (e.getStatus() != SftpConstants.SSH_FX_NO_SUCH_FILE) {
                        throw e;
                    }
                }
                sftp.rename(temp, target);
            }
        } catch (IOException e) {
            try {
                session.sftp.remove(temp);
            } catch (IOException ignored) {
                // the connection is probably gone; the .part file stays
            }
            throw new IOException("could not write " + path + ": " + SftpSession.reason(e), e);
        } finally {
            session.close();
        }
    }
}
