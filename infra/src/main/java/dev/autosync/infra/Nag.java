package dev.autosync.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import software.constructs.IConstruct;

/** cdk-nag suppressions, each with the reason a reviewer reads beside the resource it covers. */
final class Nag {

    private Nag() {
    }

    /** Suppresses rule {@code id} on {@code construct} itself. */
    static void suppress(IConstruct construct, String id, String reason) {
        NagSuppressions.addResourceSuppressions(construct, List.of(rule(id, reason)));
    }

    /** Suppresses rule {@code id} on {@code construct} and its children (an L2's own resources). */
    static void suppressWithChildren(IConstruct construct, String id, String reason) {
        NagSuppressions.addResourceSuppressions(construct, List.of(rule(id, reason)), true);
    }

    /** Suppresses only the findings {@code appliesTo} names (e.g. one managed policy, {@code Resource::*}). */
    static void suppressOnly(IConstruct construct, String id, String appliesTo, String reason) {
        NagSuppressions.addResourceSuppressions(construct, List.of(NagPackSuppression.builder()
                .id(id).reason(reason).appliesTo(List.of(appliesTo)).build()), true);
    }

    private static NagPackSuppression rule(String id, String reason) {
        return NagPackSuppression.builder().id(id).reason(reason).build();
    }
}
