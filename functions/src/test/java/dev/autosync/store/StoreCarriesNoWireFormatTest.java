package dev.autosync.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Executable;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The store's records are the store's: the api maps them to its own JSON ({@code dev.autosync.api.*Json}),
 * and items are named attribute by attribute ({@link Attr}, {@link ItemCodec}, {@link JobCodec}). A Jackson
 * annotation on a store type would make a store change a silent wire-format change again.
 */
class StoreCarriesNoWireFormatTest {

    @Test
    void noStoreType_carriesAJacksonAnnotation() throws Exception {
        List<String> found = new ArrayList<>();
        List<Class<?>> types = storeTypes();
        assertTrue(types.contains(Repository.class) && types.contains(SyncJob.Status.class), "scanned " + types);
        for (Class<?> type : types) {
            List<AnnotatedElement> elements = new ArrayList<>(List.of(type));
            elements.addAll(Arrays.asList(type.getDeclaredFields()));
            elements.addAll(Arrays.asList(type.getDeclaredMethods()));
            elements.addAll(Arrays.asList(type.getDeclaredConstructors()));
            Stream.of(type.getDeclaredMethods(), type.getDeclaredConstructors()).flatMap(Arrays::stream)
                    .map(Executable::getParameters).flatMap(Arrays::stream).forEach(elements::add);
            if (type.isRecord()) {
                Arrays.stream(type.getRecordComponents()).map(RecordComponent.class::cast).forEach(elements::add);
            }
            for (AnnotatedElement element : elements) {
                for (Annotation annotation : element.getDeclaredAnnotations()) {
                    if (annotation.annotationType().getName().startsWith("com.fasterxml.jackson")) {
                        found.add(type.getSimpleName() + ": " + element + " @" + annotation.annotationType().getSimpleName());
                    }
                }
            }
        }
        assertEquals(List.of(), found);
    }

    /**
     * Items keep today's attribute names, so data written before the api owned its JSON reads back: these
     * items are spelled out as the store has always written them (note {@code private}, and the job's
     * lower-case type and status).
     */
    @Test
    void itemsWrittenBefore_readBack() {
        Map<String, AttributeValue> repository = Map.ofEntries(
                Map.entry("github_id", AttributeValue.fromN("1001")), Map.entry("installation_id", AttributeValue.fromN("100")),
                Map.entry("name", AttributeValue.fromS("api")), Map.entry("full_name", AttributeValue.fromS("octo-org/api")),
                Map.entry("private", AttributeValue.fromBool(true)), Map.entry("default_branch", AttributeValue.fromS("main")),
                Map.entry("pushed_at", AttributeValue.fromS("2026-11-01T10:00:00Z")),
                Map.entry("commit_count", AttributeValue.fromN("5")), Map.entry("open_pull_count", AttributeValue.fromN("1")));
        Repository read = ItemCodec.repository(repository);
        assertEquals(new Repository(1001, 100L, "api", "octo-org/api", null, null, true, "main", null, null, false,
                false, null, null, Instant.parse("2026-11-01T10:00:00Z"), null, false, false, 5, 0, 0, 1), read);

        Map<String, AttributeValue> job = Map.of("job_id", AttributeValue.fromS("j1"),
                "job_type", AttributeValue.fromS("periodic_sync"), "status", AttributeValue.fromS("completed_with_errors"),
                "repositories_processed", AttributeValue.fromN("4"), "errors_count", AttributeValue.fromN("1"),
                "details", AttributeValue.fromS("{\"full\":true}"), "created_at", AttributeValue.fromS("2026-11-01T10:00:00Z"));
        SyncJob readJob = JobCodec.job(job);
        assertEquals(SyncJob.Type.PERIODIC_SYNC, readJob.jobType());
        assertEquals(SyncJob.Status.COMPLETED_WITH_ERRORS, readJob.status());
        assertEquals("{\"full\":true}", readJob.details().toString());
        assertEquals(4, readJob.repositoriesProcessed());
    }

    private static List<Class<?>> storeTypes() throws IOException, URISyntaxException, ClassNotFoundException {
        Path classes = Path.of(Repository.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path store = classes.resolve(Repository.class.getPackageName().replace('.', '/'));
        List<Class<?>> types = new ArrayList<>();
        try (Stream<Path> files = Files.list(store)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                String simple = file.getFileName().toString().replaceFirst("\\.class$", "");
                if (!simple.equals("package-info")) {
                    types.add(Class.forName(Repository.class.getPackageName() + "." + simple));
                }
            }
        }
        return types;
    }
}
