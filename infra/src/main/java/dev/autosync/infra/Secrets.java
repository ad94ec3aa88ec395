package dev.autosync.infra;

import dev.autosync.github.GitHubConfig;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnCondition;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.iam.CfnPolicy;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.secretsmanager.CfnSecret;
import software.constructs.Construct;

/**
 * The three secrets: each passed in by ARN or, when its parameter is empty, created by the stack (conditions
 * {@code Create*}); {@link #webhook()}, {@link #apiTokens()} and {@link #privateKey()} are the ARNs in use.
 * {@link #grantRead} is the only way a function gets at one: GetSecretValue on exactly that ARN, plus
 * kms:Decrypt through Secrets Manager when a customer key is named.
 */
final class Secrets extends Construct {

    /** What the created private-key secret holds until the operator puts the App's PEM into it. */
    static final String PRIVATE_KEY_PLACEHOLDER = GitHubConfig.PRIVATE_KEY_PLACEHOLDER;
    /** The one policy granting kms:Decrypt on SecretsKmsKeyArn; it exists only under UseSecretsKmsKey. */
    static final String KMS_POLICY_ID = "SecretsKmsDecryptPolicy";

    private final String webhook;
    private final String apiTokens;
    private final String privateKey;
    private final Policy kmsDecrypt;

    Secrets(Construct scope, String id, Parameters parameters) {
        super(scope, id);
        String kmsKeyId = Token.asString(Fn.conditionIf(parameters.useSecretsKmsKey.getLogicalId(),
                parameters.secretsKmsKeyArn.getValueAsString(), Aws.NO_VALUE));

        // Generated without punctuation: the value is pasted into GitHub's settings and into Authorization
        // headers, where quotes and backslashes only cause trouble; 40 alphanumerics are ~238 bits.
        CfnSecret webhookSecret = secret("WebhookSecret", kmsKeyId,
                "GitHub webhook secret: paste the value into the GitHub App's webhook settings.")
                .generateSecretString(generated(40)).build();
        // One bearer token for the api (it accepts comma-separated tokens; add more with put-secret-value).
        // With no cursor_key in the secret the api derives the cursor key from the token set.
        CfnSecret apiTokensSecret = secret("ApiTokensSecret", kmsKeyId, "autosync api bearer token(s), comma-separated.")
                .generateSecretString(generated(48)).build();
        // Only GitHub can make the App's key: a placeholder the sync recognises and fails its job on, clearly.
        CfnSecret privateKeySecret = secret("PrivateKeySecret", kmsKeyId,
                "GitHub App private key (PEM): replace the placeholder with put-secret-value.")
                .secretString(PRIVATE_KEY_PLACEHOLDER).build();

        webhook = inUse(webhookSecret, "WebhookSecret", parameters.createWebhookSecret, parameters.webhookSecretArn);
        apiTokens = inUse(apiTokensSecret, "ApiTokensSecret", parameters.createApiTokensSecret,
                parameters.apiTokensSecretArn);
        privateKey = inUse(privateKeySecret, "PrivateKeySecret", parameters.createPrivateKeySecret,
                parameters.privateKeyArn);

        // A separate policy rather than a statement in each role's default policy: a statement cannot be
        // conditional, a resource can. kms:ViaService keeps the grant to decrypting secrets, not any ciphertext.
        kmsDecrypt = Policy.Builder.create(this, KMS_POLICY_ID)
                .statements(List.of(PolicyStatement.Builder.create()
                        .actions(List.of("kms:Decrypt"))
                        .resources(List.of(parameters.secretsKmsKeyArn.getValueAsString()))
                        .conditions(Map.of("StringEquals", Map.of("kms:ViaService",
                                Fn.sub("secretsmanager.${AWS::Region}.amazonaws.com"))))
                        .build()))
                .build();
        CfnPolicy cfnPolicy = (CfnPolicy) kmsDecrypt.getNode().getDefaultChild();
        cfnPolicy.overrideLogicalId(KMS_POLICY_ID);
        cfnPolicy.getCfnOptions().setCondition(parameters.useSecretsKmsKey);
    }

    /** The webhook secret's ARN in use (created or passed in). */
    String webhook() {
        return webhook;
    }

    /** The api tokens secret's ARN in use. */
    String apiTokens() {
        return apiTokens;
    }

    /** The App private key secret's ARN in use. */
    String privateKey() {
        return privateKey;
    }

    /** GetSecretValue on {@code secretArn} only, and kms:Decrypt on the named key (if any) through Secrets Manager. */
    void grantRead(IFunction function, String secretArn) {
        function.addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("secretsmanager:GetSecretValue"))
                .resources(List.of(secretArn))
                .build());
        kmsDecrypt.attachToRole(function.getRole());
    }

    private CfnSecret.Builder secret(String id, String kmsKeyId, String description) {
        return CfnSecret.Builder.create(this, id).description(description).kmsKeyId(kmsKeyId);
    }

    private static CfnSecret.GenerateSecretStringProperty generated(int length) {
        return CfnSecret.GenerateSecretStringProperty.builder().passwordLength(length).excludePunctuation(true).build();
    }

    /**
     * Puts the secret under its condition with the spec's logical id, and returns the ARN in use:
     * {@code !If [CreateX, !Ref XSecret, !Ref XArn]}. Deletion policy stays CloudFormation's default (Delete):
     * a created secret holds only the stack's own generated value (or a placeholder).
     */
    private static String inUse(CfnSecret secret, String logicalId, CfnCondition create, CfnParameter arn) {
        secret.overrideLogicalId(logicalId);
        secret.getCfnOptions().setCondition(create);
        Nag.suppress(secret, "AwsSolutions-SMG4", "Rotation cannot be automated here: the webhook secret and the"
                        + " App's private key are issued"
                        + " and rotated in the GitHub App's settings, and the api tokens are shared with their callers."
                        + " The functions re-read each secret on a timer (the webhook secret may hold the current and"
                        + " the previous value, the api several tokens), so the operator rotates without a redeploy.");
        return Token.asString(Fn.conditionIf(create.getLogicalId(), secret.getRef(), arn.getValueAsString()));
    }
}
