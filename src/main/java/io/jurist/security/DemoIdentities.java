package io.jurist.security;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Seeds the demo people of the default mode as Camunda users and groups, with what they need in
 * Tasklist (access, process definitions, a task filter per group). Never in production.
 */
@Component
@ConditionalOnProperty(name = "jurist.demo.enabled", havingValue = "true")
class DemoIdentities implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(DemoIdentities.class);

    /** user -> groups; each demo user's password is the user name. */
    static final Map<String, List<String>> USERS = Map.of(
            "alice", List.of(Groups.RULE_AUTHORS),
            "bob", List.of(Groups.LEGAL_APPROVERS),
            "dana", List.of(Groups.DPO),
            "erin", List.of(Groups.RULE_AUTHORS, Groups.LEGAL_APPROVERS));

    private static final Map<String, String> GROUP_NAMES = Map.of(
            Groups.RULE_AUTHORS, "Rule authors (legal)",
            Groups.LEGAL_APPROVERS, "Legal approvers",
            Groups.DPO, "Data protection officer",
            Groups.DATA_PLATFORM, "Data platform (machines)");

    private final IdentityService identity;
    private final AuthorizationService authorizations;
    private final FilterService filters;
    private final TaskService tasks;

    DemoIdentities(IdentityService identity, AuthorizationService authorizations, FilterService filters,
                   TaskService tasks) {
        this.identity = identity;
        this.authorizations = authorizations;
        this.filters = filters;
        this.tasks = tasks;
    }

    @Override
    public void afterSingletonsInstantiated() {
        GROUP_NAMES.forEach((id, name) -> {
            if (identity.createGroupQuery().groupId(id).count() == 0) {
                var group = identity.newGroup(id);
                group.setName(name);
                group.setType("WORKFLOW");
                identity.saveGroup(group);
                log.info("Demo mode: created group {}", id);
            }
        });
        USERS.forEach((id, groups) -> {
            if (identity.createUserQuery().userId(id).count() == 0) {
                User user = identity.newUser(id);
                user.setFirstName(Character.toUpperCase(id.charAt(0)) + id.substring(1));
                user.setLastName("Demo");
                user.setEmail(id + "@jurist.example");
                user.setPassword(id);
                identity.saveUser(user);
                groups.forEach(group -> identity.createMembership(id, group));
                log.info("Demo mode: created user {} in {}", id, groups);
            }
        });
        for (String group : List.of(Groups.RULE_AUTHORS, Groups.LEGAL_APPROVERS, Groups.DPO)) {
            grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
            grant(group, Resources.PROCESS_DEFINITION, "*", Permissions.READ, Permissions.READ_HISTORY);
            grant(group, Resources.USER, "*", Permissions.READ);
            grant(group, Resources.GROUP, "*", Permissions.READ);
            ensureFilter(group);
        }
    }

    private void grant(String group, Resource resource, String resourceId, Permission... permissions) {
        boolean present = authorizations.createAuthorizationQuery().groupIdIn(group)
                .resourceType(resource).resourceId(resourceId).count() > 0;
        if (present) {
            return;
        }
        Authorization authorization = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        authorization.setGroupId(group);
        authorization.setResource(resource);
        authorization.setResourceId(resourceId);
        for (Permission permission : permissions) {
            authorization.addPermission(permission);
        }
        authorizations.saveAuthorization(authorization);
    }

    private void ensureFilter(String group) {
        String name = "Tasks for " + GROUP_NAMES.get(group);
        if (filters.createFilterQuery().filterName(name).count() > 0) {
            return;
        }
        Filter filter = filters.newTaskFilter(name);
        filter.setOwner("admin");
        filter.setQuery(tasks.createTaskQuery().taskCandidateGroup(group).includeAssignedTasks());
        filter.setProperties(Map.of("description", "Open tasks for the group " + group, "priority", 1,
                "refresh", true));
        filters.saveFilter(filter);
        Authorization read = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        read.setGroupId(group);
        read.setResource(Resources.FILTER);
        read.setResourceId(filter.getId());
        read.addPermission(Permissions.READ);
        authorizations.saveAuthorization(read);
    }
}
