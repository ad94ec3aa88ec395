package dev.autosync.infra;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.lambda.Function;
import software.constructs.IConstruct;

/** Reading the synthesized template: resources by logical id, a function's role's statements, resolved tokens. */
final class TemplateQueries {

    private final AutosyncStack stack;
    /** The template's Resources, read once: every call into the synthesized template crosses to jsii's Node. */
    private final Map<String, Map<String, Object>> resources;

    @SuppressWarnings("unchecked")
    TemplateQueries(AutosyncStack stack, Template template) {
        this.stack = stack;
        this.resources = (Map<String, Map<String, Object>>) template.toJSON().get("Resources");
    }

    /** One IAM statement, order-insensitive: effect, actions, resources, condition (null when none). */
    record Statement(String effect, Set<String> actions, Set<Object> resources, Object condition) {
    }

    /** The resource with this logical id (its Type, Properties, Condition, DeletionPolicy ...). */
    Map<String, Object> resource(String logicalId) {
        Map<String, Object> resource = resources.get(logicalId);
        assertNotNull(resource, "no resource " + logicalId);
        return resource;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> properties(Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("Properties");
    }

    Map<String, Object> properties(String logicalId) {
        return properties(resource(logicalId));
    }

    String logicalId(IConstruct construct) {
        IConstruct element = construct instanceof CfnElement ? construct : construct.getNode().getDefaultChild();
        return stack.getLogicalId((CfnElement) element);
    }

    /** What a token (an ARN, a name) synthesizes to, e.g. {@code {"Fn::GetAtt": [id, "Arn"]}}. */
    Object resolve(Object token) {
        return stack.resolve(token);
    }

    static Map<String, Object> ref(String logicalId) {
        return Map.of("Ref", logicalId);
    }

    /** Every statement of the unconditional policies attached to the function's role. */
    Set<Statement> statementsOf(Function function) {
        return statements(function, false);
    }

    /** The statements of policies attached to the function's role that exist only under a condition. */
    Set<Statement> conditionalStatementsOf(Function function) {
        return statements(function, true);
    }

    /** Every statement of every AWS::IAM::Policy in the template. */
    List<Statement> allStatements() {
        List<Statement> all = new ArrayList<>();
        for (Map<String, Object> policy : policies()) {
            all.addAll(statementsIn(policy));
        }
        return all;
    }

    private List<Map<String, Object>> policies() {
        return resources.values().stream().filter(r -> "AWS::IAM::Policy".equals(r.get("Type"))).toList();
    }

    private Set<Statement> statements(Function function, boolean conditional) {
        Map<String, Object> roleRef = ref(logicalId(function.getRole()));
        Set<Statement> statements = new HashSet<>();
        for (Map<String, Object> policy : policies()) {
            if (((List<?>) properties(policy).get("Roles")).contains(roleRef)
                    && policy.containsKey("Condition") == conditional) {
                statements.addAll(statementsIn(policy));
            }
        }
        return statements;
    }

    @SuppressWarnings("unchecked")
    private static List<Statement> statementsIn(Map<String, Object> policy) {
        Map<String, Object> document = (Map<String, Object>) properties(policy).get("PolicyDocument");
        List<Statement> out = new ArrayList<>();
        for (Map<String, Object> s : (List<Map<String, Object>>) document.get("Statement")) {
            Set<String> actions = new TreeSet<>();
            for (Object action : asList(s.get("Action"))) {
                actions.add((String) action);
            }
            out.add(new Statement((String) s.get("Effect"), actions, new HashSet<>(asList(s.get("Resource"))),
                    s.get("Condition")));
        }
        return out;
    }

    /** A statement as the tests spell it. */
    static Statement allow(List<String> actions, List<Object> resources) {
        return new Statement("Allow", new TreeSet<>(actions), new HashSet<>(resources), null);
    }

    private static List<?> asList(Object value) {
        return value instanceof List<?> list ? list : List.of(value);
    }
}
