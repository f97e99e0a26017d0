package org.pushplatform.chat.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.pushplatform.chat.accounts.AccountStore;
import org.pushplatform.chat.conversations.Conversations;
import org.pushplatform.chat.groups.GroupChanges;
import org.pushplatform.chat.groups.GroupStore;
import org.pushplatform.contract.ChatApi;

/**
 * The groups of one app: create, members, admins, rename, notice (a member's mute) and ban speak. Every change is
 * announced to the members in the seed's events; {@code ?by=<account id>} names who made it (the group's creator when
 * absent), as the events show an operator.
 */
@Path("/admin/apps/{app}/groups")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class GroupResource {

    private static final int MAX_NAME = 200;
    private static final int MAX_AVATAR = 1000;
    private static final int MAX_MEMBERS_AT_ONCE = 1000;

    /** A new group: the creator is a member and an admin. */
    public record GroupBody(String id, String name, String avatar, String creator, List<String> members, List<String> admins,
                            Boolean isPost) {
    }

    /** Accounts to add as members. */
    public record MembersBody(List<String> accounts) {
    }

    public record RenameBody(String name) {
    }

    public record NoticeBody(Boolean isPush) {
    }

    private final GroupStore groups;
    private final AccountStore accounts;
    private final GroupChanges changes;
    private final HistoryPages history;

    public GroupResource(GroupStore groups, AccountStore accounts, GroupChanges changes, HistoryPages history) {
        this.history = history;
        this.groups = groups;
        this.accounts = accounts;
        this.changes = changes;
    }

    @POST
    @Operation(summary = "Creates a group of the app's accounts (201); each member gets `new group`; 409 when the id is taken")
    public Uni<Response> create(@PathParam("app") String app, GroupBody body) {
        String problem = body == null ? "a body {id, name, avatar, creator, members, admins, isPost} is required" : problemOf(body);
        if (problem != null) {
            return bad(problem);
        }
        List<String> members = union(List.of(body.creator()), body.members());
        List<String> admins = union(List.of(body.creator()), body.admins());
        var group = new GroupStore.Group(app, body.id(), orEmpty(body.name()), orEmpty(body.avatar()), body.creator(),
            Boolean.TRUE.equals(body.isPost()), false);
        return accounts.existing(app, union(members, admins)).flatMap(existing -> {
            List<String> unknown = union(members, admins).stream().filter(id -> !existing.contains(id)).toList();
            if (!unknown.isEmpty()) {
                return Uni.createFrom().item(AdminTokenFilter.error(Response.Status.NOT_FOUND, "no such accounts: " + unknown));
            }
            if (!members.containsAll(admins)) {
                return bad("admins must be members");
            }
            return groups.create(group, members, admins).flatMap(created -> !created
                ? Uni.createFrom().item(AdminTokenFilter.error(Response.Status.CONFLICT, "the app has a group of this id"))
                : changes.created(group).flatMap(sent -> describe(group, Response.Status.CREATED)));
        });
    }

    @GET
    @Path("/{gid}")
    @Operation(summary = "The group with its members, their admin flags and notice settings")
    public Uni<Response> get(@PathParam("app") String app, @PathParam("gid") String gid) {
        return groups.find(app, gid).flatMap(group -> group == null ? notFound("group not found") : describe(group, Response.Status.OK));
    }

    @GET
    @Path("/{gid}/messages")
    @Operation(summary = "The group's messages after ?after=<seq> (0: from the start), at most ?limit= (500), system messages among them")
    public Uni<Response> history(@PathParam("app") String app, @PathParam("gid") String gid,
                                 @QueryParam("after") @DefaultValue("0") long after, @QueryParam("limit") @DefaultValue("100") int limit) {
        return history.page(app, Conversations.group(gid), after, limit);
    }

    @PUT
    @Path("/{gid}/members")
    @Operation(summary = "Adds members: they get `new group`, the others `group member added` and a system message (sysType 1)")
    public Uni<Response> addMembers(@PathParam("app") String app, @PathParam("gid") String gid, @QueryParam("by") String by,
                                    MembersBody body) {
        if (body == null || body.accounts() == null || body.accounts().isEmpty() || body.accounts().size() > MAX_MEMBERS_AT_ONCE
            || !body.accounts().stream().allMatch(ChatApi::isId)) {
            return bad("a body {accounts: [1 to " + MAX_MEMBERS_AT_ONCE + " account ids]} is required");
        }
        return change(app, gid, by, (group, operator) -> groups.addMembers(app, gid, body.accounts()).flatMap(added ->
            changes.added(group, operator, added).replaceWith(ok(Map.of("added", added)))));
    }

    @DELETE
    @Path("/{gid}/members/{aid}")
    @Operation(summary = "Removes a member: it gets `removed from group` and nothing after; the others `group member removed`")
    public Uni<Response> removeMember(@PathParam("app") String app, @PathParam("gid") String gid, @PathParam("aid") String aid,
                                      @QueryParam("by") String by) {
        return change(app, gid, by, (group, operator) -> groups.removeMember(app, gid, aid).flatMap(removed -> !removed
            ? notFound("not a member")
            : changes.removed(group, operator, aid).replaceWith(ok(Map.of("success", true)))));
    }

    @PUT
    @Path("/{gid}/admins/{aid}")
    @Operation(summary = "Makes a member an admin: the members get `group admin added`")
    public Uni<Response> addAdmin(@PathParam("app") String app, @PathParam("gid") String gid, @PathParam("aid") String aid,
                                  @QueryParam("by") String by) {
        return setAdmin(app, gid, aid, by, true);
    }

    @DELETE
    @Path("/{gid}/admins/{aid}")
    @Operation(summary = "Makes an admin a member only: the members get `group admin removed`")
    public Uni<Response> removeAdmin(@PathParam("app") String app, @PathParam("gid") String gid, @PathParam("aid") String aid,
                                     @QueryParam("by") String by) {
        return setAdmin(app, gid, aid, by, false);
    }

    @PUT
    @Path("/{gid}/name")
    @Operation(summary = "Renames the group: the members get `group renamed` and a system message (sysType 3)")
    public Uni<Response> rename(@PathParam("app") String app, @PathParam("gid") String gid, @QueryParam("by") String by,
                                RenameBody body) {
        if (body == null || body.name() == null || body.name().isEmpty() || body.name().length() > MAX_NAME) {
            return bad("a body {name} of 1 to " + MAX_NAME + " characters is required");
        }
        return change(app, gid, by, (group, operator) -> groups.rename(app, gid, body.name()).flatMap(oldName -> {
            var renamed = new GroupStore.Group(app, gid, body.name(), group.avatar(), group.creator(), group.isPost(), group.banned());
            return changes.renamed(renamed, oldName, operator).replaceWith(ok(Map.of("oldName", oldName, "name", body.name())));
        }));
    }

    @PUT
    @Path("/{gid}/members/{aid}/notice")
    @Operation(summary = "A member's pushes of the group on or off (isPush): its devices get `set group notice`")
    public Uni<Response> notice(@PathParam("app") String app, @PathParam("gid") String gid, @PathParam("aid") String aid,
                                NoticeBody body) {
        if (body == null || body.isPush() == null) {
            return bad("a body {isPush: true or false} is required");
        }
        return change(app, gid, null, (group, operator) -> groups.setPush(app, gid, aid, body.isPush()).flatMap(set -> !set
            ? notFound("not a member")
            : changes.noticeSet(group, aid, body.isPush()).replaceWith(ok(Map.of("success", true)))));
    }

    @PUT
    @Path("/{gid}/ban")
    @Operation(summary = "Ban speak: only admins may send; the members get `ban speak`")
    public Uni<Response> ban(@PathParam("app") String app, @PathParam("gid") String gid, @QueryParam("by") String by) {
        return setBanned(app, gid, by, true);
    }

    @DELETE
    @Path("/{gid}/ban")
    @Operation(summary = "Permit speak: every member may send again; the members get `permit speak`")
    public Uni<Response> permit(@PathParam("app") String app, @PathParam("gid") String gid, @QueryParam("by") String by) {
        return setBanned(app, gid, by, false);
    }

    private Uni<Response> setAdmin(String app, String gid, String aid, String by, boolean admin) {
        return change(app, gid, by, (group, operator) -> groups.setAdmin(app, gid, aid, admin).flatMap(set -> !set
            ? notFound("not a member")
            : changes.adminChanged(group, operator, aid, admin).replaceWith(ok(Map.of("success", true)))));
    }

    private Uni<Response> setBanned(String app, String gid, String by, boolean banned) {
        return change(app, gid, by, (group, operator) -> groups.setBanned(app, gid, banned)
            .flatMap(set -> changes.speakChanged(group, operator, banned).replaceWith(ok(Map.of("success", true)))));
    }

    /** A change to an existing group by an existing account (the creator when {@code by} is absent): else 404. */
    private Uni<Response> change(String app, String gid, String by,
                                 BiFunction<GroupStore.Group, AccountStore.Account, Uni<Response>> change) {
        return groups.find(app, gid).flatMap(group -> {
            if (group == null) {
                return notFound("group not found");
            }
            String operator = by == null ? group.creator() : by;
            return accounts.find(app, operator).flatMap(account -> account == null ? notFound("by names no account of the app")
                : change.apply(group, account));
        });
    }

    private Uni<Response> describe(GroupStore.Group group, Response.Status status) {
        return groups.members(group.app(), group.id()).map(members -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", group.id());
            body.put("name", group.name());
            body.put("avatar", group.avatar());
            body.put("creator", group.creator());
            body.put("isPost", group.isPost());
            body.put("banned", group.banned());
            body.put("members", members.stream().map(m -> Map.of("id", m.accountId(), "name", m.name(), "admin", m.admin(),
                "isPush", m.push())).toList());
            return Response.status(status).entity(body).build();
        });
    }

    private static String problemOf(GroupBody body) {
        if (!ChatApi.isId(body.id())) {
            return "id must be 1 to " + ChatApi.MAX_ACCOUNT_ID + " characters";
        }
        if (!ChatApi.isId(body.creator())) {
            return "creator must be an account id";
        }
        if (body.name() != null && body.name().length() > MAX_NAME || body.avatar() != null && body.avatar().length() > MAX_AVATAR) {
            return "name must be at most " + MAX_NAME + " characters and avatar at most " + MAX_AVATAR;
        }
        for (List<String> ids : java.util.Arrays.asList(body.members(), body.admins())) {
            if (ids != null && (ids.size() > MAX_MEMBERS_AT_ONCE || !ids.stream().allMatch(ChatApi::isId))) {
                return "members and admins must be at most " + MAX_MEMBERS_AT_ONCE + " account ids each";
            }
        }
        return null;
    }

    private static List<String> union(List<String> first, List<String> second) {
        Set<String> all = new LinkedHashSet<>(first);
        if (second != null) {
            all.addAll(second);
        }
        return new ArrayList<>(all);
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    private static Response ok(Object body) {
        return Response.ok(body).build();
    }

    private static Uni<Response> bad(String problem) {
        return Uni.createFrom().item(AdminTokenFilter.error(Response.Status.BAD_REQUEST, problem));
    }

    private static Uni<Response> notFound(String problem) {
        return Uni.createFrom().item(AdminTokenFilter.error(Response.Status.NOT_FOUND, problem));
    }
}
