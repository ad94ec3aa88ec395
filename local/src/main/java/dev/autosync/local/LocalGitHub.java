package dev.autosync.local;

import java.util.Map;

/**
 * The GitHub the local functions call as the App: the sandbox with its own App ({@link DemoGitHub}, the
 * default) or the user's own App on github.com or GitHub Enterprise Server ({@link OwnApp}).
 */
sealed interface LocalGitHub extends AutoCloseable permits DemoGitHub, OwnApp {

    /** The variables this GitHub sets in the functions' environment, over the user's. */
    Map<String, String> environment();

    /** The ready line's fields naming this GitHub, each starting with a space. */
    String readyFields();

    @Override
    void close();
}
