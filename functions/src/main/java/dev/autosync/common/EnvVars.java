package dev.autosync.common;

/**
 * Every environment variable autosync reads, in one place. infra/, template.yaml and local/ set these
 * names; nothing else should spell them.
 */
public final class EnvVars {

    private EnvVars() {
    }

    /** DynamoDB table holding every entity. */
    public static final String TABLE_NAME = "TABLE_NAME";
    /** SQS queue that the webhook function fills and the processor drains. */
    public static final String EVENTS_QUEUE_URL = "EVENTS_QUEUE_URL";
    /** Dead-letter queue of the events queue (read by the health check). */
    public static final String EVENTS_DLQ_URL = "EVENTS_DLQ_URL";
    /** SQS queue of sync requests (imports, resyncs, manual and periodic syncs). */
    public static final String SYNC_TASKS_QUEUE_URL = "SYNC_TASKS_QUEUE_URL";
    /** Dead-letter queue of the sync-task queue. */
    public static final String SYNC_TASKS_DLQ_URL = "SYNC_TASKS_DLQ_URL";

    /** Processor: keep an uninstalled installation's data, marked uninstalled (default false: delete it). */
    public static final String RETAIN_DATA_ON_UNINSTALL = "RETAIN_DATA_ON_UNINSTALL";
    /**
     * Processor: seconds a delivery attempt holds its lease before another may take it over (default 120);
     * must be longer than {@link #AUTOSYNC_FUNCTION_TIMEOUT_SECONDS}.
     */
    public static final String DELIVERY_LEASE_SECONDS = "DELIVERY_LEASE_SECONDS";
    /**
     * Processor: how many days every delivery's payload is archived (gzip, DynamoDB TTL) for inspection and
     * replay; default 30, 0 keeps none (the list of deliveries and their outcomes remain).
     */
    public static final String AUTOSYNC_ARCHIVE_DAYS = "AUTOSYNC_ARCHIVE_DAYS";
    /**
     * The function's own timeout in seconds, as the templates deploy it (the same number as its
     * {@code Timeout}): the processor refuses to start when its {@link #DELIVERY_LEASE_SECONDS} is not longer,
     * as a live attempt could then be taken over. Unset locally, where nothing times a run out.
     */
    public static final String AUTOSYNC_FUNCTION_TIMEOUT_SECONDS = "AUTOSYNC_FUNCTION_TIMEOUT_SECONDS";

    /** Locally only: the webhook secret(s); a comma separates the current secret from the previous one. */
    public static final String GITHUB_WEBHOOK_SECRET = "GITHUB_WEBHOOK_SECRET";
    /** In AWS: the Secrets Manager ARN of the webhook secret(s). */
    public static final String GITHUB_WEBHOOK_SECRET_ARN = "GITHUB_WEBHOOK_SECRET_ARN";

    /**
     * Locally only: endpoint of the AWS stand-ins. When set, clients use it with dummy static
     * credentials; when absent (in AWS) they use the default credential chain and real endpoints.
     */
    public static final String AWS_ENDPOINT_URL = "AWS_ENDPOINT_URL";
    /** Overrides {@link #AWS_ENDPOINT_URL} for DynamoDB alone (dynalite and ElasticMQ listen on different ports). */
    public static final String AWS_ENDPOINT_URL_DYNAMODB = "AWS_ENDPOINT_URL_DYNAMODB";
    /** Overrides {@link #AWS_ENDPOINT_URL} for SQS alone. */
    public static final String AWS_ENDPOINT_URL_SQS = "AWS_ENDPOINT_URL_SQS";
    /** Overrides {@link #AWS_ENDPOINT_URL} for Secrets Manager alone. */
    public static final String AWS_ENDPOINT_URL_SECRETSMANAGER = "AWS_ENDPOINT_URL_SECRETS_MANAGER";
    /** Locally only: the local gateway's HTTP port (default 3000; 0 picks a free one). */
    public static final String AUTOSYNC_PORT = "AUTOSYNC_PORT";
    /**
     * Locally only: the address the local gateway listens on; default {@code 127.0.0.1}, this machine only
     * ({@code 0.0.0.0} listens on every interface, for a webhook proxy or another machine).
     */
    public static final String AUTOSYNC_BIND_ADDRESS = "AUTOSYNC_BIND_ADDRESS";
    /**
     * Local runner only: the folder keeping the table and the queued messages across a restart (default
     * {@code .autosync-data} in the working copy; delete it to start afresh).
     */
    public static final String AUTOSYNC_DATA_DIR = "AUTOSYNC_DATA_DIR";
    /** Local runner only: {@code false} starts the GitHub sandbox empty instead of seeding a demo organisation. */
    public static final String AUTOSYNC_DEMO_DATA = "AUTOSYNC_DEMO_DATA";
    /**
     * Local runner only: how busy the demo organisation stays after its seed: {@code off}, {@code gentle}
     * (default, a change every few seconds) or {@code busy} (several a second).
     */
    public static final String AUTOSYNC_DEMO_ACTIVITY = "AUTOSYNC_DEMO_ACTIVITY";

    /** Set by Lambda; defaults to us-east-1 locally. */
    public static final String AWS_REGION = "AWS_REGION";
    /**
     * Set by Lambda: how this execution environment was initialised ({@code on-demand},
     * {@code provisioned-concurrency} or {@code snap-start}); decides whether a function primes (see {@link Priming}).
     */
    public static final String AWS_LAMBDA_INITIALIZATION_TYPE = "AWS_LAMBDA_INITIALIZATION_TYPE";

    /** GitHub's REST API root; defaults to https://api.github.com (set it for GitHub Enterprise Server). */
    public static final String GITHUB_API_URL = "GITHUB_API_URL";
    /** The GitHub App's numeric ID. */
    public static final String GITHUB_APP_ID = "GITHUB_APP_ID";
    /** The GitHub App's client ID (Iv1.../Iv23...); when set it is the JWT issuer, as GitHub recommends. */
    public static final String GITHUB_APP_CLIENT_ID = "GITHUB_APP_CLIENT_ID";
    /** In AWS: the Secrets Manager ARN of the App's private key (PEM). */
    public static final String GITHUB_APP_PRIVATE_KEY_ARN = "GITHUB_APP_PRIVATE_KEY_ARN";
    /** Locally only: the App's private key PEM itself (literal \n line breaks are accepted). */
    public static final String GITHUB_APP_PRIVATE_KEY = "GITHUB_APP_PRIVATE_KEY";
    /** Locally only: a file holding the App's private key PEM. */
    public static final String GITHUB_APP_PRIVATE_KEY_FILE = "GITHUB_APP_PRIVATE_KEY_FILE";

    /** Locally only: the api's bearer tokens, comma-separated (the local runner generates one when unset). */
    public static final String AUTOSYNC_API_TOKENS = "AUTOSYNC_API_TOKENS";
    /** In AWS: the Secrets Manager ARN of the api's bearer tokens (comma-separated, or JSON {"tokens": [...]}). */
    public static final String AUTOSYNC_API_TOKENS_SECRET_ARN = "AUTOSYNC_API_TOKENS_SECRET_ARN";
    /**
     * Key (at least 32 characters) sealing the api's pagination cursors. Every instance must share it for
     * a cursor to work on the next request; when unset (and the token secret has no {@code cursor_key}) it is
     * derived from the api tokens, which every instance shares.
     */
    public static final String AUTOSYNC_CURSOR_KEY = "AUTOSYNC_CURSOR_KEY";

    /**
     * How often the periodic sync runs: the schedule's rate (template/CDK parameter) and, locally, the
     * local schedule's interval. Minutes ({@code 15}), or a duration with a unit ({@code 90s}, {@code 15m},
     * {@code 1h}); {@code off} disables the local schedule (webhook-only). Health's "last periodic sync" and
     * coverage rules use it. Default 15 minutes.
     */
    public static final String AUTOSYNC_SYNC_INTERVAL = "AUTOSYNC_SYNC_INTERVAL";
    /** Sync: hours between full reconciliations (every repository re-read); default 24. */
    public static final String AUTOSYNC_FULL_SYNC_HOURS = "AUTOSYNC_FULL_SYNC_HOURS";
    /** Sync: branches synced besides each repository's default branch, comma-separated (default none). */
    public static final String SYNC_BRANCHES = "SYNC_BRANCHES";
    /** Sync: how far back a first import reads commits, issues and pull requests, in days (default 90). */
    public static final String SYNC_LOOKBACK_DAYS = "SYNC_LOOKBACK_DAYS";
    /**
     * Sync: how many sync tasks may run at once (the sync-task event source's MaximumConcurrency, default 5):
     * each task's GitHub client is paced at GitHub's 900-requests-a-minute secondary limit divided by it.
     */
    public static final String SYNC_TASK_CONCURRENCY = "SYNC_TASK_CONCURRENCY";
    /** Sync: a fixed start date (yyyy-MM-dd, UTC) for first imports instead of {@link #SYNC_LOOKBACK_DAYS}. */
    public static final String SYNC_START_DATE = "SYNC_START_DATE";

    /**
     * CloudWatch namespace of the functions' metrics (default {@code autosync}). The templates set it to the
     * stack name, so two stacks in one account (staging, production) never mix their metrics or alarms.
     */
    public static final String AUTOSYNC_METRICS_NAMESPACE = "AUTOSYNC_METRICS_NAMESPACE";
}
