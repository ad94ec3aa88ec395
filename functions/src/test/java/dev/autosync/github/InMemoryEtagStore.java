package dev.autosync.github;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A fake of our own {@link EtagStore} port for client tests; DynamoEtagStore has its own test. */
final class InMemoryEtagStore implements EtagStore {

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    @Override
    public Optional<Entry> find(InstallationId installation, String url) {
        return Optional.ofNullable(entries.get(installation + " " + url));
    }

    @Override
    public void put(InstallationId installation, String url, Entry entry) {
        entries.put(installation + " " + url, entry);
    }

    int size() {
        return entries.size();
    }
}
