package dev.autosync.github;

import java.time.Duration;

/**
 * How many requests a minute one client may send: GitHub's secondary limit allows 900 REST points a minute
 * (a GET is one) per App installation, shared by every container, so each of {@code n} concurrent sync
 * tasks is paced at 900 / n. Waits between requests are short (a third of a second at 180 a minute), so
 * pacing never sleeps long in a function.
 *
 * @see <a href="https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits">Secondary rate limits</a>
 */
public record RequestPace(int perMinute) {

    /** GitHub's REST secondary limit: points per minute (a GET costs 1, a POST 5). */
    public static final int SECONDARY_POINTS_PER_MINUTE = 900;
    public static final RequestPace UNLIMITED = new RequestPace(0);

    /** The pace of one of {@code concurrency} clients sharing GitHub's per-minute budget. */
    public static RequestPace sharedBy(int concurrency) {
        return new RequestPace(Math.max(1, SECONDARY_POINTS_PER_MINUTE / Math.max(1, concurrency)));
    }

    public RequestPace {
        if (perMinute < 0) {
            throw new IllegalArgumentException("a pace is 0 (unlimited) or more requests a minute");
        }
    }

    public Duration interval() {
        return perMinute == 0 ? Duration.ZERO : Duration.ofNanos(60_000_000_000L / perMinute);
    }
}
