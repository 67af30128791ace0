package com.krenalis.itests.osgi;

import java.io.InputStream;
import java.util.Dictionary;
import java.util.Hashtable;
import org.ops4j.pax.exam.ExamSystem;
import org.ops4j.pax.exam.TestAddress;
import org.ops4j.pax.exam.TestContainer;
import org.ops4j.pax.exam.TestContainerFactory;
import org.ops4j.pax.exam.nat.internal.NativeTestContainer;
import org.ops4j.pax.exam.nat.internal.NativeTestContainerFactory;
import org.osgi.framework.BundleContext;
import org.osgi.service.condition.Condition;

/**
 * Pax Exam's native container (Felix in the test JVM), started as runtime/launcher {@code OsgiFramework} starts it:
 *
 * <ul>
 *   <li>with the platform class loader as the thread context class loader, so that the framework's threads (and
 *       every thread a bundle creates from them) never see the test JVM's class path through it;</li>
 *   <li>with the {@code krenalis.database} condition registered by the system bundle once the framework is up, as
 *       the launcher does once its database answers (here the database is up before the framework starts).</li>
 * </ul>
 *
 * Selected with {@code @ExamFactory} on each test class.
 */
public final class KrenalisContainerFactory implements TestContainerFactory {
    /** runtime/launcher OsgiFramework.DATABASE_CONDITION. */
    static final String DATABASE_CONDITION = "krenalis.database";

    @Override
    public TestContainer[] create(ExamSystem system) {
        TestContainer[] containers = new NativeTestContainerFactory().create(system);
        for (int i = 0; i < containers.length; i++) {
            containers[i] = new LauncherLikeContainer((NativeTestContainer) containers[i]);
        }
        return containers;
    }

    private static final class LauncherLikeContainer implements TestContainer {
        private final NativeTestContainer delegate;

        LauncherLikeContainer(NativeTestContainer delegate) {
            this.delegate = delegate;
        }

        @Override
        public TestContainer start() {
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(ClassLoader.getPlatformClassLoader());
            try {
                delegate.start();
            } finally {
                thread.setContextClassLoader(previous);
            }
            BundleContext system = delegate.getSystemBundle().getBundleContext();
            Dictionary<String, Object> props = new Hashtable<>();
            props.put(Condition.CONDITION_ID, DATABASE_CONDITION);
            system.registerService(Condition.class, Condition.INSTANCE, props);
            return this;
        }

        @Override
        public long install(InputStream stream) {
            return delegate.install(stream);
        }

        @Override
        public long install(String location, InputStream stream) {
            return delegate.install(location, stream);
        }

        @Override
        public long installProbe(InputStream stream) {
            return delegate.installProbe(stream);
        }

        @Override
        public void uninstallProbe() {
            delegate.uninstallProbe();
        }

        @Override
        public void call(TestAddress address) {
            delegate.call(address);
        }

        @Override
        public TestContainer stop() {
            delegate.stop();
            return this;
        }

        @Override
        public String toString() {
            return delegate.toString();
        }
    }
}
