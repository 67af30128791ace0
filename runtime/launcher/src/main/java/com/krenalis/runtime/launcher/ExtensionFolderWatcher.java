package com.krenalis.runtime.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.wiring.FrameworkWiring;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the distribution's extension folders ({@code bundles/drivers}, {@code connectors}, {@code engines}) live
 * while the server runs, as FileInstall keeps {@code deploy/}: a jar added is installed and started, a jar replaced
 * updates its bundle in place, a jar deleted uninstalls it. Bundles keep the location the start-up gave them (the
 * jar's file URI), so one jar is one bundle from start to stop. Polls twice a second on its own thread.
 */
final class ExtensionFolderWatcher implements AutoCloseable {
    static final long POLL_MILLIS = 500;
    private static final Logger LOG = LoggerFactory.getLogger(ExtensionFolderWatcher.class);

    private final BundleContext context;
    private final List<Path> folders;
    private final Consumer<Bundle> starter;
    private final Map<Path, FolderSnapshot.Stamp> installed = new HashMap<>(); // only the poller thread after start
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "krenalis-extension-folders");
        t.setDaemon(true);
        return t;
    });
    private FolderSnapshot previous;

    /** @param starter starts an extension bundle the way the start-up does (on a worker, under the timeout) */
    ExtensionFolderWatcher(BundleContext context, List<Path> folders, Consumer<Bundle> starter) {
        this.context = context;
        this.folders = List.copyOf(folders);
        this.starter = starter;
    }

    /** Records a jar that the start-up installed, as it was then. */
    void installedAtStartUp(Path jar) {
        try {
            installed.put(jar, stamp(jar));
        } catch (IOException e) {
            installed.put(jar, new FolderSnapshot.Stamp(-1, -1)); // compared as changed, so re-read on the next poll
        }
    }

    void start() throws IOException {
        previous = FolderSnapshot.of(folders);
        poller.scheduleWithFixedDelay(this::poll, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }

    private void poll() {
        try {
            FolderSnapshot now = FolderSnapshot.of(folders);
            FolderSnapshot.Changes changes = now.since(installed, previous);
            previous = now;
            if (!changes.none()) {
                apply(changes, now);
            }
        } catch (Exception e) {
            LOG.warn("Watching the extension folders: {}", OsgiFramework.rootMessage(e));
        }
    }

    private void apply(FolderSnapshot.Changes changes, FolderSnapshot now) {
        List<Bundle> toRefresh = new ArrayList<>();
        for (Path jar : changes.removed()) {
            installed.remove(jar);
            Bundle b = context.getBundle(location(jar));
            if (b != null) {
                try {
                    b.uninstall();
                    toRefresh.add(b);
                    LOG.info("Extension bundle {} uninstalled: {} was removed", b.getSymbolicName(), jar);
                } catch (BundleException | IllegalStateException e) {
                    LOG.warn("Uninstalling {}: {}", jar, OsgiFramework.rootMessage(e));
                }
            }
        }
        for (Path jar : changes.changed()) {
            installed.put(jar, now.jars().get(jar));
            Bundle b = context.getBundle(location(jar));
            try (InputStream in = Files.newInputStream(jar)) {
                if (b == null) {
                    start(context.installBundle(location(jar), in), jar);
                } else {
                    b.update(in); // an active bundle is stopped, updated and started again
                    toRefresh.add(b);
                    LOG.info("Extension bundle {} updated from {}", b.getSymbolicName(), jar);
                }
            } catch (IOException | BundleException | IllegalStateException e) {
                LOG.error("Updating the extension bundle from {}: {}", jar, OsgiFramework.rootMessage(e));
            }
        }
        for (Path jar : changes.added()) {
            installed.put(jar, now.jars().get(jar)); // also when it fails: tried again once the file changes
            try (InputStream in = Files.newInputStream(jar)) {
                start(context.installBundle(location(jar), in), jar);
            } catch (IOException | BundleException | IllegalStateException e) {
                LOG.error("Installing the extension bundle {}: {}", jar, OsgiFramework.rootMessage(e));
            }
        }
        if (!toRefresh.isEmpty()) {
            // Drops the old revisions' wirings (and class loaders) now rather than at the next framework restart.
            context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(toRefresh);
        }
    }

    private void start(Bundle b, Path jar) {
        LOG.info("Extension bundle {} installed from {}", b.getSymbolicName(), jar);
        starter.accept(b);
    }

    /**
     * The location the start-up gives a jar; the same here, so that a bundle is found by its file. A {@code reference:}
     * location: the framework reads the jar where it lies instead of copying it into its cache, which it rebuilds at
     * every start (the distribution's extensions are some 220 MB). An update hands the new content over as a stream,
     * so the running revision never reads a file being replaced.
     */
    static String location(Path jar) {
        return "reference:" + jar.toUri();
    }

    private static FolderSnapshot.Stamp stamp(Path jar) throws IOException {
        return new FolderSnapshot.Stamp(Files.size(jar), Files.getLastModifiedTime(jar).toMillis());
    }
}
