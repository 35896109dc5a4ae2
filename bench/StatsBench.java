import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * stats-service's benchmark client (run by bench/stats.sh): ingest throughput in batches of 500 beside a plain
 * INSERT … ON CONFLICT DO NOTHING loop from this same client, the acknowledgement latency of 1,000-event batches at
 * 1,000 events/s, and 30-day queries over a seeded tenant. Prints one markdown table row per measurement.
 *
 * Arguments: statsUrl apiKey jdbcUrl dbUser dbPassword tenantId seedEvents seconds
 */
public class StatsBench {

    static final String[] MODELS = {"gpt-4o", "gpt-4o-mini", "claude-sonnet-4", "gemini-2.5-flash"};
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static String statsUrl;
    static String apiKey;
    static String jdbcUrl;
    static String dbUser;
    static String dbPassword;
    static String tenantId;

    public static void main(String[] args) throws Exception {
        statsUrl = args[0];
        apiKey = args[1];
        jdbcUrl = args[2];
        dbUser = args[3];
        dbPassword = args[4];
        tenantId = args[5];
        long seedEvents = Long.parseLong(args[6]);
        int seconds = Integer.parseInt(args[7]);
        int senders = 4;

        System.out.println("| measurement | result | p50 | p99 | notes |");
        System.out.println("|---|---|---|---|---|");
        // Warm both paths so neither pays for JIT or connection set-up in the measured window.
        ingest(senders, 5, 500);
        baseline(senders, 3, 500);

        Result ingest = ingest(senders, seconds, 500);
        row("ingest, batches of 500, " + senders + " senders (stats-service)", ingest.rate() + " events/s",
                ms(ingest.p50), ms(ingest.p99), ingest.errors + " errors");
        Result base = baseline(senders, seconds, 500);
        row("baseline: INSERT … ON CONFLICT DO NOTHING, 500 rows per statement, " + senders + " connections",
                base.rate() + " events/s", ms(base.p50), ms(base.p99), "same client, same event shape, one table");

        Result ack = openLoop(60, 1000);
        row("1,000-event batch acknowledged, open loop at 1,000 events/s for 60 s", ack.count + " batches",
                ms(ack.p50), ms(ack.p99), ack.errors + " errors");

        long have = countEvents();
        if (have < seedEvents) {
            System.err.printf("seeding %,d more events through the API%n", seedEvents - have);
            while (countEvents() < seedEvents) {
                ingest(senders, 30, 500);
            }
        }
        waitFolded();
        long total = countEvents();
        System.err.printf("tenant holds %,d events; measuring queries%n", total);

        Instant to = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Instant from = to.minus(30, ChronoUnit.DAYS);
        query("30-day summary", total, i -> "/api/v1/stats/summary?from=" + from.minus(i, ChronoUnit.MINUTES) + "&to=" + to);
        query("30-day summary by prompt", total,
                i -> "/api/v1/stats/summary?group_by=prompt&from=" + from.minus(i, ChronoUnit.MINUTES) + "&to=" + to);
        query("30-day hourly timeseries of calls", total,
                i -> "/api/v1/stats/timeseries?metric=calls&interval=hour&from=" + from.minus(i, ChronoUnit.HOURS) + "&to=" + to);
        query("30-day hourly timeseries of p95 latency", total,
                i -> "/api/v1/stats/timeseries?metric=latency_p95&interval=hour&from=" + from.minus(i, ChronoUnit.HOURS) + "&to=" + to);
        query("30-day daily timeseries of cost, tz Europe/Berlin", total,
                i -> "/api/v1/stats/timeseries?metric=cost&interval=day&tz=Europe/Berlin&from=" + from.minus(i, ChronoUnit.HOURS) + "&to=" + to);
    }

    interface PathFor {
        String path(int i);
    }

    static void query(String name, long events, PathFor paths) throws Exception {
        for (int i = 0; i < 5; i++) {
            get(paths.path(1000 + i));
        }
        List<Long> cold = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            long t = System.nanoTime();
            get(paths.path(i)); // each request a range of its own: never a cached answer
            cold.add(System.nanoTime() - t);
        }
        List<Long> warm = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            long t = System.nanoTime();
            get(paths.path(0));
            warm.add(System.nanoTime() - t);
        }
        Collections.sort(cold);
        Collections.sort(warm);
        row(name + String.format(Locale.ROOT, " over %,d events, uncached", events), "40 requests", ms(pct(cold, 0.5)),
                ms(pct(cold, 0.99)), "cached: p50 " + ms(pct(warm, 0.5)) + ", p99 " + ms(pct(warm, 0.99)));
    }

    static void get(String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(statsUrl + path)).header("X-API-Key", apiKey)
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    record Result(long count, long events, double seconds, long p50, long p99, long errors) {
        String rate() {
            return String.format(Locale.ROOT, "%,.0f", events / seconds);
        }
    }

    /** Closed loop: each sender posts its next batch as soon as the last is acknowledged. */
    static Result ingest(int senders, int seconds, int batch) throws Exception {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong events = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        List<Future<?>> done = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            done.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    String body = batchJson(batch);
                    long t = System.nanoTime();
                    if (post(body)) {
                        events.addAndGet(batch);
                    } else {
                        errors.incrementAndGet();
                    }
                    latencies.add(System.nanoTime() - t);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        double took = (System.nanoTime() - start) / 1e9;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return new Result(sorted.size(), events.get(), took, pct(sorted, 0.5), pct(sorted, 0.99), errors.get());
    }

    /** Open loop: one batch every {@code 1000 / (rate / batch)} ms whatever the answers take. */
    static Result openLoop(int seconds, int batch) throws Exception {
        ExecutorService pool = Executors.newCachedThreadPool();
        List<Future<Long>> sent = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime();
        for (int i = 0; i < seconds; i++) {
            long due = start + i * 1_000_000_000L;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            String body = batchJson(batch);
            sent.add(pool.submit(() -> {
                long t = System.nanoTime();
                if (!post(body)) {
                    errors.incrementAndGet();
                }
                return System.nanoTime() - t;
            }));
        }
        List<Long> latencies = new ArrayList<>();
        for (Future<Long> f : sent) {
            latencies.add(f.get());
        }
        pool.shutdown();
        Collections.sort(latencies);
        return new Result(latencies.size(), (long) latencies.size() * batch, seconds, pct(latencies, 0.5),
                pct(latencies, 0.99), errors.get());
    }

    static boolean post(String body) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(statsUrl + "/api/v1/executions/batch"))
                    .header("X-API-Key", apiKey).header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 202) {
                System.err.println("batch answered " + r.statusCode() + ": " + r.body().substring(0, Math.min(300, r.body().length())));
                return false;
            }
            return true;
        } catch (Exception e) {
            System.err.println("batch failed: " + e);
            return false;
        }
    }

    /** Events spread over the last 30 days: 20 prompts × 3 versions × 4 models, log-normal latencies. */
    static String batchJson(int n) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        StringBuilder b = new StringBuilder(n * 330).append("{\"events\":[");
        long now = System.currentTimeMillis();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                b.append(',');
            }
            int prompt = r.nextInt(20);
            long input = 200 + r.nextInt(3000);
            long output = 50 + r.nextInt(800);
            long latency = Math.max(1, Math.round(Math.exp(6 + 0.6 * r.nextGaussian())));
            Instant started = Instant.ofEpochMilli(now - 60_000 - r.nextLong(29L * 24 * 3600 * 1000));
            b.append("{\"event_id\":\"").append(UUID.randomUUID()).append("\",\"prompt\":\"bench/prompt-").append(prompt)
                    .append("\",\"version\":").append(1 + r.nextInt(3)).append(",\"label\":\"production\",\"model\":\"")
                    .append(MODELS[r.nextInt(MODELS.length)]).append("\",\"provider\":\"openai\",\"status\":\"")
                    .append(r.nextInt(50) == 0 ? "error" : "success").append("\",\"latency_ms\":").append(latency)
                    .append(",\"input_tokens\":").append(input).append(",\"cached_input_tokens\":").append(input / 4)
                    .append(",\"output_tokens\":").append(output).append(",\"started_at\":\"").append(started)
                    .append("\",\"user_id\":\"user-").append(r.nextInt(500)).append("\"}");
        }
        return b.append("]}").toString();
    }

    static Result baseline(int connections, int seconds, int batch) throws Exception {
        try (Connection c = db(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS bench_baseline");
            s.execute("CREATE TABLE IF NOT EXISTS bench_baseline.events (event_id uuid PRIMARY KEY, tenant_id uuid NOT NULL,"
                    + " started_at timestamptz NOT NULL, prompt text NOT NULL, version int NOT NULL, label text NOT NULL,"
                    + " model text NOT NULL, provider text NOT NULL, is_error boolean NOT NULL, latency_ms int NOT NULL,"
                    + " input_tokens bigint NOT NULL, cached_input_tokens bigint NOT NULL, output_tokens bigint NOT NULL,"
                    + " user_id text)");
        }
        StringBuilder sql = new StringBuilder("INSERT INTO bench_baseline.events VALUES ");
        for (int i = 0; i < batch; i++) {
            sql.append(i > 0 ? "," : "").append("(?,?::uuid,?,?,?,?,?,?,?,?,?,?,?,?)");
        }
        sql.append(" ON CONFLICT DO NOTHING");
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong events = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < connections; w++) {
            done.add(pool.submit(() -> {
                try (Connection c = db(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
                    Random r = ThreadLocalRandom.current();
                    while (System.nanoTime() < end) {
                        long t = System.nanoTime();
                        int p = 1;
                        long now = System.currentTimeMillis();
                        for (int i = 0; i < batch; i++) {
                            long input = 200 + r.nextInt(3000);
                            ps.setObject(p++, UUID.randomUUID());
                            ps.setString(p++, tenantId);
                            ps.setObject(p++, java.time.OffsetDateTime.ofInstant(
                                    Instant.ofEpochMilli(now - r.nextLong(29L * 24 * 3600 * 1000)), java.time.ZoneOffset.UTC));
                            ps.setString(p++, "bench/prompt-" + r.nextInt(20));
                            ps.setInt(p++, 1 + r.nextInt(3));
                            ps.setString(p++, "production");
                            ps.setString(p++, MODELS[r.nextInt(MODELS.length)]);
                            ps.setString(p++, "openai");
                            ps.setBoolean(p++, r.nextInt(50) == 0);
                            ps.setInt(p++, (int) Math.max(1, Math.round(Math.exp(6 + 0.6 * r.nextGaussian()))));
                            ps.setLong(p++, input);
                            ps.setLong(p++, input / 4);
                            ps.setLong(p++, 50 + r.nextInt(800));
                            ps.setString(p++, "user-" + r.nextInt(500));
                        }
                        ps.executeUpdate();
                        events.addAndGet(batch);
                        latencies.add(System.nanoTime() - t);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        double took = (System.nanoTime() - start) / 1e9;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return new Result(sorted.size(), events.get(), took, pct(sorted, 0.5), pct(sorted, 0.99), 0);
    }

    static long countEvents() throws Exception {
        try (Connection c = db(); PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM stats.events WHERE tenant_id = ?::uuid")) {
            ps.setString(1, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static void waitFolded() throws Exception {
        long deadline = System.nanoTime() + 600_000_000_000L;
        try (Connection c = db(); Statement s = c.createStatement()) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM stats.pending")) {
                    rs.next();
                    if (rs.getLong(1) == 0) {
                        return;
                    }
                }
                Thread.sleep(1000);
            }
        }
        System.err.println("pending events were not all folded within 10 minutes; queries read them from pending");
    }

    static Connection db() throws Exception {
        return DriverManager.getConnection(jdbcUrl, dbUser, dbPassword);
    }

    static long pct(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }

    static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }

    static void row(String name, String result, String p50, String p99, String notes) {
        String line = "| " + name + " | " + result + " | " + p50 + " | " + p99 + " | " + notes + " |";
        System.out.println(line);
        System.err.println(line);
    }
}
