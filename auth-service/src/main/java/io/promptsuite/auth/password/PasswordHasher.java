package io.promptsuite.auth.password;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

import io.promptsuite.auth.config.AuthConfig;
import io.promptsuite.common.error.ApiException;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Argon2id with OWASP's parameters (19 MiB, 2 passes, 1 lane). Each hash holds about 19 MiB and a core for tens of
 * milliseconds, so hashing runs on a pool no wider than the cores with a short queue: a login flood gets 503 at once
 * instead of starving refreshes and token verification.
 */
@ApplicationScoped
public class PasswordHasher {

    private static final Argon2Function ARGON2ID = Argon2Function.getInstance(19456, 2, 1, 32, Argon2.ID);

    @Inject
    AuthConfig config;

    private ThreadPoolExecutor pool;
    /** Verified against when the account doesn't exist, so both answers take as long. */
    private String decoyHash;

    @PostConstruct
    void start() {
        int threads = config.passwords().hashingThreads().orElse(Runtime.getRuntime().availableProcessors());
        pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(config.passwords().hashingQueue()), runnable -> {
                    Thread thread = new Thread(runnable, "argon2");
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        decoyHash = Password.hash(HexFormat.of().formatHex(random)).with(ARGON2ID).getResult();
    }

    void stop(@Observes ShutdownEvent event) {
        pool.shutdownNow();
    }

    public String hash(String password) {
        return onPool(() -> Password.hash(password).with(ARGON2ID).getResult());
    }

    /** Checks a password against a stored PHC string; old parameters keep working because they are read from the hash. */
    public boolean verify(String password, String phc) {
        String stored = phc == null ? decoyHash : phc;
        boolean matches = onPool(() -> Password.check(password, stored).with(Argon2Function.getInstanceFromHash(stored)));
        return phc != null && matches;
    }

    private <T> T onPool(Callable<T> work) {
        Future<T> future;
        try {
            future = pool.submit(work);
        } catch (RejectedExecutionException e) {
            throw new ApiException(503, "AUTH_BUSY", "Too many sign-ins at once; retry in a moment")
                    .withHeader("Retry-After", "1");
        }
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "AUTH_BUSY", "Sign-in was interrupted; retry in a moment");
        } catch (ExecutionException e) {
            throw new IllegalStateException("Password hashing failed", e.getCause());
        }
    }
}
