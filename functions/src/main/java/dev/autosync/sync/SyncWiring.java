package dev.autosync.sync;

import dev.autosync.common.Env;

/** Builds the sync engine by hand from its configuration. Work in progress. */
public final class SyncWiring {

    private SyncWiring() {
    }

    public static SyncEngine fromEnvironment(Env env) {
        env.validate();
        return new SyncEngine();
    }
}
