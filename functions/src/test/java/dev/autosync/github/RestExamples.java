package dev.autosync.github;

/**
 * GitHub REST responses as GitHub documents them (the examples of its OpenAPI description, as the
 * sandbox's shapes are), with values varied so each field autosync keeps is exercised. Kept in Java
 * text blocks so the fixtures live beside the tests that read them.
 */
final class RestExamples {

    private RestExamples() {
    }

    /** One item of <a href="https://docs.github.com/en/rest/repos/repos#get-a-repository">get a repository</a>. */
    static final String REPOSITORY = """
            {
              "id": 1296269,
              "node_id": "MDEwOlJlcG9zaXRvcnkxMjk2MjY5",
              "name": "Hello-World",
              "full_name": "octocat/Hello-World",
              "owner": {
                "login": "octocat",
                "id": 1,
                "node_id": "MDQ6VXNlcjE=",
                "avatar_url": "https://github.com/images/error/octocat_happy.gif",
                "gravatar_id": "",
                "url": "https://api.github.com/users/octocat",
                "html_url": "https://github.com/octocat",
                "followers_url": "https://api.github.com/users/octocat/followers",
                "following_url": "https://api.github.com/users/octocat/following{/other_user}",
                "gists_url": "https://api.github.com/users/octocat/gists{/gist_id}",
                "starred_url": "https://api.github.com/users/octocat/starred{/owner}{/repo}",
                "subscriptions_url": "https://api.github.com/users/octocat/subscriptions",
                "organizations_url": "https://api.github.com/users/octocat/orgs",
                "repos_url": "https://api.github.com/users/octocat/repos",
                "events_url": "https://api.github.com/users/octocat/events{/privacy}",
                "received_events_url": "https://api.github.com/users/octocat/received_events",
                "type": "User",
                "site_admin": false
              },
              "private": false,
              "html_url": "https://github.com/octocat/Hello-World",
              "description": "This your first repo!",
              "fork": false,
              "url": "https://api.github.com/repos/octocat/Hello-World",
              "archive_url": "https://api.github.com/repos/octocat/Hello-World/{archive_format}{/ref}",
              "assignees_url": "https://api.github.com/repos/octocat/Hello-World/assignees{/user}",
              "blobs_url": "https://api.github.com/repos/octocat/Hello-World/git/blobs{/sha}",
              "branches_url": "https://api.github.com/repos/octocat/Hello-World/branches{/branch}",
              "collaborators_url": "https://api.github.com/repos/octocat/Hello-World/collaborators{/collaborator}",
              "comments_url": "https://api.github.com/repos/octocat/Hello-World/comments{/number}",
              "commits_url": "https://api.github.com/repos/octocat/Hello-World/commits{/sha}",
              "compare_url": "https://api.github.com/repos/octocat/Hello-World/compare/{base}...{head}",
              "contents_url": "https://api.github.com/repos/octocat/Hello-World/contents/{+path}",
              "contributors_url": "https://api.github.com/repos/octocat/Hello-World/contributors",
              "deployments_url": "https://api.github.com/repos/octocat/Hello-World/deployments",
              "downloads_url": "https://api.github.com/repos/octocat/Hello-World/downloads",
              "events_url": "https://api.github.com/repos/octocat/Hello-World/events",
              "forks_url": "https://api.github.com/repos/octocat/Hello-World/forks",
              "git_commits_url": "https://api.github.com/repos/octocat/Hello-World/git/commits{/sha}",
              "git_refs_url": "https://api.github.com/repos/octocat/Hello-World/git/refs{/sha}",
              "git_tags_url": "https://api.github.com/repos/octocat/Hello-World/git/tags{/sha}",
              "git_url": "git:github.com/octocat/Hello-World.git",
              "issue_comment_url": "https://api.github.com/repos/octocat/Hello-World/issues/comments{/number}",
              "issue_events_url": "https://api.github.com/repos/octocat/Hello-World/issues/events{/number}",
              "issues_url": "https://api.github.com/repos/octocat/Hello-World/issues{/number}",
              "keys_url": "https://api.github.com/repos/octocat/Hello-World/keys{/key_id}",
              "labels_url": "https://api.github.com/repos/octocat/Hello-World/labels{/name}",
              "languages_url": "https://api.github.com/repos/octocat/Hello-World/languages",
              "merges_url": "https://api.github.com/repos/octocat/Hello-World/merges",
              "milestones_url": "https://api.github.com/repos/octocat/Hello-World/milestones{/number}",
              "notifications_url": "https://api.github.com/repos/octocat/Hello-World/notifications{?since,all,participating}",
              "pulls_url": "https://api.github.com/repos/octocat/Hello-World/pulls{/number}",
              "releases_url": "https://api.github.com/repos/octocat/Hello-World/releases{/id}",
              "ssh_url": "git@github.com:octocat/Hello-World.git",
              "stargazers_url": "https://api.github.com/repos/octocat/Hello-World/stargazers",
              "statuses_url": "https://api.github.com/repos/octocat/Hello-World/statuses/{sha}",
              "subscribers_url": "https://api.github.com/repos/octocat/Hello-World/subscribers",
              "subscription_url": "https://api.github.com/repos/octocat/Hello-World/subscription",
              "tags_url": "https://api.github.com/repos/octocat/Hello-World/tags",
              "teams_url": "https://api.github.com/repos/octocat/Hello-World/teams",
              "trees_url": "https://api.github.com/repos/octocat/Hello-World/git/trees{/sha}",
              "clone_url": "https://github.com/octocat/Hello-World.git",
              "mirror_url": "git:git.example.com/octocat/Hello-World",
              "hooks_url": "https://api.github.com/repos/octocat/Hello-World/hooks",
              "svn_url": "https://svn.github.com/octocat/Hello-World",
              "homepage": "https://github.com",
              "license": null,
              "language": "Java",
              "forks_count": 9,
              "forks": 9,
              "stargazers_count": 80,
              "watchers_count": 80,
              "watchers": 80,
              "size": 108,
              "default_branch": "master",
              "open_issues_count": 0,
              "open_issues": 0,
              "is_template": false,
              "topics": [
                "octocat",
                "atom",
                "electron",
                "api"
              ],
              "has_issues": true,
              "has_projects": true,
              "has_wiki": true,
              "has_pages": false,
              "has_downloads": true,
              "archived": false,
              "disabled": false,
              "visibility": "public",
              "pushed_at": "2011-01-26T19:06:43Z",
              "created_at": "2011-01-26T19:01:12Z",
              "updated_at": "2011-01-26T19:14:43Z",
              "permissions": {
                "pull": true,
                "push": false,
                "admin": false
              },
              "allow_rebase_merge": true,
              "temp_clone_token": "ABTLWHOULUVAXGTRYU7OC2876QJ2O",
              "allow_squash_merge": true,
              "allow_auto_merge": false,
              "delete_branch_on_merge": true,
              "allow_merge_commit": true,
              "allow_forking": true,
              "web_commit_signoff_required": false,
              "subscribers_count": 42,
              "network_count": 0,
              "has_discussions": false
            }
            """;

    /** One item of <a href="https://docs.github.com/en/rest/issues/issues#list-repository-issues">list repository issues</a>. */
    static final String ISSUE = """
            {
              "id": 1,
              "node_id": "MDU6SXNzdWUx",
              "url": "https://api.github.com/repos/octocat/Hello-World/issues/1347",
              "repository_url": "https://api.github.com/repos/octocat/Hello-World",
              "labels_url": "https://api.github.com/repos/octocat/Hello-World/issues/1347/labels{/name}",
              "comments_url": "https://api.github.com/repos/octocat/Hello-World/issues/1347/comments",
              "events_url": "https://api.github.com/repos/octocat/Hello-World/issues/1347/events",
              "html_url": "https://github.com/octocat/Hello-World/issues/1347",
              "number": 1347,
              "state": "closed",
              "title": "Found a bug",
              "body": "I'm having a problem with this.",
              "user": {
                "login": "octocat",
                "id": 1,
                "node_id": "MDQ6VXNlcjE=",
                "avatar_url": "https://github.com/images/error/octocat_happy.gif",
                "gravatar_id": "",
                "url": "https://api.github.com/users/octocat",
                "html_url": "https://github.com/octocat",
                "followers_url": "https://api.github.com/users/octocat/followers",
                "following_url": "https://api.github.com/users/octocat/following{/other_user}",
                "gists_url": "https://api.github.com/users/octocat/gists{/gist_id}",
                "starred_url": "https://api.github.com/users/octocat/starred{/owner}{/repo}",
                "subscriptions_url": "https://api.github.com/users/octocat/subscriptions",
                "organizations_url": "https://api.github.com/users/octocat/orgs",
                "repos_url": "https://api.github.com/users/octocat/repos",
                "events_url": "https://api.github.com/users/octocat/events{/privacy}",
                "received_events_url": "https://api.github.com/users/octocat/received_events",
                "type": "User",
                "site_admin": false
              },
              "pinned_comment": null,
              "labels": [
                {
                  "id": 208045946,
                  "node_id": "MDU6TGFiZWwyMDgwNDU5NDY=",
                  "url": "https://api.github.com/repos/octocat/Hello-World/labels/bug",
                  "name": "bug",
                  "description": "Something isn't working",
                  "color": "f29513",
                  "default": true
                }
              ],
              "assignee": {
                "login": "octocat",
                "id": 1,
                "node_id": "MDQ6VXNlcjE=",
                "avatar_url": "https://github.com/images/error/octocat_happy.gif",
                "gravatar_id": "",
                "url": "https://api.github.com/users/octocat",
                "html_url": "https://github.com/octocat",
                "followers_url": "https://api.github.com/users/octocat/followers",
                "following_url": "https://api.github.com/users/octocat/following{/other_user}",
                "gists_url": "https://api.github.com/users/octocat/gists{/gist_id}",
                "starred_url": "https://api.github.com/users/octocat/starred{/owner}{/repo}",
                "subscriptions_url": "https://api.github.com/users/octocat/subscriptions",
                "organizations_url": "https://api.github.com/users/octocat/orgs",
                "repos_url": "https://api.github.com/users/octocat/repos",
                "events_url": "https://api.github.com/users/octocat/events{/privacy}",
                "received_events_url": "https://api.github.com/users/octocat/received_events",
                "type": "User",
                "site_admin": false
              },
              "assignees": [
                {
                  "login": "octocat",
                  "id": 1,
                  "node_id": "MDQ6VXNlcjE=",
                  "avatar_url": "https://github.com/images/error/octocat_happy.gif",
                  "gravatar_id": "",
                  "url": "https://api.github.com/users/octocat",
                  "html_url": "https://github.com/octocat",
                  "followers_url": "https://api.github.com/users/octocat/followers",
                  "following_url": "https://api.github.com/users/octocat/following{/other_user}",
                  "gists_url": "https://api.github.com/users/octocat/gists{/gist_id}",
                  "starred_url": "https://api.github.com/users/octocat/starred{/owner}{/repo}",
                  "subscriptions_url": "https://api.github.com/users/octocat/subscriptions",
                  "organizations_url": "https://api.github.com/users/octocat/orgs",
                  "repos_url": "https://api.github.com/users/octocat/repos",
                  "events_url": "https://api.github.com/users/octocat/events{/privacy}",
                  "received_events_url": "https://api.github.com/users/octocat/received_events",
                  "type": "User",
                  "site_admin": false
                },
                {
                  "login": "hubot",
                  "id": 2,
                  "node_id": "MDQ6VXNlcjE=",
                  "avatar_url": "https://github.com/images/error/hubot_happy.gif",
                  "gravatar_id": "",
                  "url": "https://api.github.com/users/hubot",
                  "html_url": "https://github.com/hubot",
                  "followers_url": "https://api.github.com/users/hubot/followers",
                  "following_url": "https://api.github.com/users/hubot/following{/other_user}",
                  "gists_url": "https://api.github.com/users/hubot/gists{/gist_id}",
                  "starred_url": "https://api.github.com/users/hubot/starred{/owner}{/repo}",
                  "subscriptions_url": "https://api.github.com/users/hubot/subscriptions",
                  "organizations_url": "https://api.github.com/users/hubot/orgs",
                  "repos_url": "https://api.github.com/users/hubot/repos",
                  "events_url": "https://api.github.com/users/hubot/events{/privacy}",
                  "received_events_url": "https://api.github.com/users/hubot/received_events",
                  "type": "User",
                  "site_admin": false
                }
              ],
              "milestone": null,
              "locked": false,
              "active_lock_reason": null,
              "comments": 3,
              "closed_at": "2011-04-23T10:00:00Z",
              "created_at": "2011-04-22T13:33:48Z",
              "updated_at": "2011-04-22T13:33:48Z",
              "closed_by": null,
              "author_association": "COLLABORATOR",
              "state_reason": "not_planned"
            }
            """;

    /** One item of <a href="https://docs.github.com/en/rest/pulls/pulls#list-pull-requests">list pull requests</a>. */
    static final String PULL = """
            {
              "url": "https://api.github.com/repos/octocat/Hello-World/pulls/1347",
              "id": 1,
              "node_id": "MDExOlB1bGxSZXF1ZXN0MQ==",
              "html_url": "https://github.com/octocat/Hello-World/pull/1347",
              "diff_url": "https://github.com/octocat/Hello-World/pull/1347.diff",
              "patch_url": "https://github.com/octocat/Hello-World/pull/1347.patch",
              "issue_url": "https://api.github.com/repos/octocat/Hello-World/issues/1347",
              "commits_url": "https://api.github.com/repos/octocat/Hello-World/pulls/1347/commits",
              "review_comments_url": "https://api.github.com/repos/octocat/Hello-World/pulls/1347/comments",
              "review_comment_url": "https://api.github.com/repos/octocat/Hello-World/pulls/comments{/number}",
              "comments_url": "https://api.github.com/repos/octocat/Hello-World/issues/1347/comments",
              "statuses_url": "https://api.github.com/repos/octocat/Hello-World/statuses/6dcb09b5b57875f334f61aebed695e2e4193db5e",
              "number": 1347,
              "state": "open",
              "locked": false,
              "title": "Amazing new feature",
              "user": {
                "login": "octocat",
                "id": 1,
                "node_id": "MDQ6VXNlcjE=",
                "avatar_url": "https://github.com/images/error/octocat_happy.gif",
                "gravatar_id": "",
                "url": "https://api.github.com/users/octocat",
                "html_url": "https://github.com/octocat",
                "followers_url": "https://api.github.com/users/octocat/followers",
                "following_url": "https://api.github.com/users/octocat/following{/other_user}",
                "gists_url": "https://api.github.com/users/octocat/gists{/gist_id}",
                "starred_url": "https://api.github.com/users/octocat/starred{/owner}{/repo}",
                "subscriptions_url": "https://api.github.com/users/octocat/subscriptions",
                "organizations_url": "https://api.github.com/users/octocat/orgs",
                "repos_url": "https://api.github.com/users/octocat/repos",
                "events_url": "https://api.github.com/users/octocat/events{/privacy}",
                "received_events_url": "https://api.github.com/users/octocat/received_events",
                "type": "User",
                "site_admin": false
              },
              "body": "Please pull these awesome changes in!",
              "labels": [],
              "milestone": null,
              "active_lock_reason": null,
              "created_at": "2011-01-26T19:01:12Z",
              "updated_at": "2011-01-26T19:01:12Z",
              "closed_at": "2011-01-26T19:01:12Z",
              "merged_at": "2011-01-26T19:01:12Z",
              "merge_commit_sha": "e5bd3914e2e596debea16f433f57875b5b90bcd6",
              "assignee": null,
              "assignees": [],
              "requested_reviewers": [],
              "requested_teams": [],
              "head": {
                "label": "octocat:new-topic",
                "ref": "new-topic",
                "sha": "6dcb09b5b57875f334f61aebed695e2e4193db5e",
                "user": null,
                "repo": null
              },
              "base": {
                "label": "octocat:master",
                "ref": "master",
                "sha": "6dcb09b5b57875f334f61aebed695e2e4193db5e",
                "user": null,
                "repo": null
              },
              "_links": {
                "self": {
                  "href": "https://api.github.com/repos/octocat/Hello-World/pulls/1347"
                },
                "html": {
                  "href": "https://github.com/octocat/Hello-World/pull/1347"
                },
                "issue": {
                  "href": "https://api.github.com/repos/octocat/Hello-World/issues/1347"
                },
                "comments": {
                  "href": "https://api.github.com/repos/octocat/Hello-World/issues/1347/comments"
                },
                "review_comments": {
                  "href": "https://api.github.com/repos/octocat/Hello-World/pulls/1347/comments"
                },
                "review_comment": {
                  "href": "https://api.github.com/repos/octocat/Hello-World/pulls/comments{/number}"
                },
                "commits": {
                  "href": "https://api.github.com/repos/octocat/Hello-World/pulls/1347/commits"
                },
                "statuses": {
                  "href": "https://api.github.com/repos/octocat/Hello-World/statuses/6dcb09b5b57875f334f61aebed695e2e4193db5e"
                }
              },
              "author_association": "OWNER",
              "auto_merge": null,
              "draft": true
            }
            """;

    /** One item of <a href="https://docs.github.com/en/rest/commits/commits#list-commits">list commits</a>. */
    static final String COMMIT = """
            {
              "url": "https://api.github.com/repos/octocat/Hello-World/commits/6dcb09b5b57875f334f61aebed695e2e4193db5e",
              "sha": "6dcb09b5b57875f334f61aebed695e2e4193db5e",
              "node_id": "MDY6Q29tbWl0NmRjYjA5YjViNTc4NzVmMzM0ZjYxYWViZWQ2OTVlMmU0MTkzZGI1ZQ==",
              "html_url": "https://github.com/octocat/Hello-World/commit/6dcb09b5b57875f334f61aebed695e2e4193db5e",
              "comments_url": "https://api.github.com/repos/octocat/Hello-World/commits/6dcb09b5b57875f334f61aebed695e2e4193db5e/comments",
              "commit": {
                "url": "https://api.github.com/repos/octocat/Hello-World/git/commits/6dcb09b5b57875f334f61aebed695e2e4193db5e",
                "author": {
                  "name": "Monalisa Octocat",
                  "email": "support@github.com",
                  "date": "2011-04-14T16:00:49Z"
                },
                "committer": {
                  "name": "The Committer",
                  "email": "committer@github.com",
                  "date": "2011-04-15T09:00:00Z"
                },
                "message": "Fix all the bugs",
                "tree": {
                  "url": "https://api.github.com/repos/octocat/Hello-World/tree/6dcb09b5b57875f334f61aebed695e2e4193db5e",
                  "sha": "6dcb09b5b57875f334f61aebed695e2e4193db5e"
                },
                "comment_count": 0,
                "verification": {
                  "verified": false,
                  "reason": "unsigned",
                  "signature": null,
                  "payload": null,
                  "verified_at": null
                }
              },
              "author": {
                "login": "octocat",
                "id": 1,
                "node_id": "MDQ6VXNlcjE=",
                "avatar_url": "https://github.com/images/error/octocat_happy.gif",
                "gravatar_id": "",
                "url": "https://api.github.com/users/octocat",
                "html_url": "https://github.com/octocat",
                "followers_url": "https://api.github.com/users/octocat/followers",
                "following_url": "https://api.github.com/users/octocat/following{/other_user}",
                "gists_url": "https://api.github.com/users/octocat/gists{/gist_id}",
                "starred_url": "https://api.github.com/users/octocat/starred{/owner}{/repo}",
                "subscriptions_url": "https://api.github.com/users/octocat/subscriptions",
                "organizations_url": "https://api.github.com/users/octocat/orgs",
                "repos_url": "https://api.github.com/users/octocat/repos",
                "events_url": "https://api.github.com/users/octocat/events{/privacy}",
                "received_events_url": "https://api.github.com/users/octocat/received_events",
                "type": "User",
                "site_admin": false
              },
              "committer": {
                "login": "hubot",
                "id": 2,
                "node_id": "MDQ6VXNlcjE=",
                "avatar_url": "https://github.com/images/error/hubot_happy.gif",
                "gravatar_id": "",
                "url": "https://api.github.com/users/hubot",
                "html_url": "https://github.com/hubot",
                "followers_url": "https://api.github.com/users/hubot/followers",
                "following_url": "https://api.github.com/users/hubot/following{/other_user}",
                "gists_url": "https://api.github.com/users/hubot/gists{/gist_id}",
                "starred_url": "https://api.github.com/users/hubot/starred{/owner}{/repo}",
                "subscriptions_url": "https://api.github.com/users/hubot/subscriptions",
                "organizations_url": "https://api.github.com/users/hubot/orgs",
                "repos_url": "https://api.github.com/users/hubot/repos",
                "events_url": "https://api.github.com/users/hubot/events{/privacy}",
                "received_events_url": "https://api.github.com/users/hubot/received_events",
                "type": "User",
                "site_admin": false
              },
              "parents": []
            }
            """;

    /** A page of <a href="https://docs.github.com/en/rest/search/search#search-issues-and-pull-requests">search issues and pull requests</a>: a pull request hit and an issue hit. */
    static final String SEARCH_ISSUES = """
            {
              "total_count": 280,
              "incomplete_results": true,
              "items": [
                {
                  "url": "https://api.github.com/repos/batterseapower/pinyin-toolkit/issues/132",
                  "repository_url": "https://api.github.com/repos/batterseapower/pinyin-toolkit",
                  "labels_url": "https://api.github.com/repos/batterseapower/pinyin-toolkit/issues/132/labels{/name}",
                  "comments_url": "https://api.github.com/repos/batterseapower/pinyin-toolkit/issues/132/comments",
                  "events_url": "https://api.github.com/repos/batterseapower/pinyin-toolkit/issues/132/events",
                  "html_url": "https://github.com/batterseapower/pinyin-toolkit/issues/132",
                  "id": 35802,
                  "node_id": "MDU6SXNzdWUzNTgwMg==",
                  "number": 132,
                  "title": "Line Number Indexes Beyond 20 Not Displayed",
                  "user": {
                    "login": "Nick3C",
                    "id": 90254,
                    "node_id": "MDQ6VXNlcjE=",
                    "avatar_url": "https://github.com/images/error/Nick3C_happy.gif",
                    "gravatar_id": "",
                    "url": "https://api.github.com/users/Nick3C",
                    "html_url": "https://github.com/Nick3C",
                    "followers_url": "https://api.github.com/users/Nick3C/followers",
                    "following_url": "https://api.github.com/users/Nick3C/following{/other_user}",
                    "gists_url": "https://api.github.com/users/Nick3C/gists{/gist_id}",
                    "starred_url": "https://api.github.com/users/Nick3C/starred{/owner}{/repo}",
                    "subscriptions_url": "https://api.github.com/users/Nick3C/subscriptions",
                    "organizations_url": "https://api.github.com/users/Nick3C/orgs",
                    "repos_url": "https://api.github.com/users/Nick3C/repos",
                    "events_url": "https://api.github.com/users/Nick3C/events{/privacy}",
                    "received_events_url": "https://api.github.com/users/Nick3C/received_events",
                    "type": "User",
                    "site_admin": false
                  },
                  "labels": [
                    {
                      "id": 4,
                      "node_id": "MDU6TGFiZWw0",
                      "url": "https://api.github.com/repos/batterseapower/pinyin-toolkit/labels/bug",
                      "name": "bug",
                      "color": "ff0000"
                    }
                  ],
                  "state": "open",
                  "assignee": null,
                  "milestone": null,
                  "comments": 15,
                  "created_at": "2009-07-12T20:10:41Z",
                  "updated_at": "2009-07-19T09:23:43Z",
                  "closed_at": null,
                  "pull_request": {
                    "url": "https://api.github.com/repos/batterseapower/pinyin-toolkit/pulls/132",
                    "html_url": "https://github.com/batterseapower/pinyin-toolkit/pull/132",
                    "diff_url": "https://github.com/batterseapower/pinyin-toolkit/pull/132.diff",
                    "patch_url": "https://github.com/batterseapower/pinyin-toolkit/pull/132.patch"
                  },
                  "body": "...",
                  "score": 1,
                  "locked": true,
                  "author_association": "COLLABORATOR",
                  "state_reason": "completed"
                },
                {
                  "url": "https://api.github.com/repos/octocat/Hello-World/issues/7",
                  "repository_url": "https://api.github.com/repos/octocat/Hello-World",
                  "labels_url": "https://api.github.com/repos/octocat/Hello-World/issues/7/labels{/name}",
                  "comments_url": "https://api.github.com/repos/octocat/Hello-World/issues/7/comments",
                  "events_url": "https://api.github.com/repos/octocat/Hello-World/issues/7/events",
                  "html_url": "https://github.com/octocat/Hello-World/issues/7",
                  "id": 35803,
                  "node_id": "MDU6SXNzdWUzNTgwMg==",
                  "number": 7,
                  "title": "Line Number Indexes Beyond 20 Not Displayed",
                  "user": {
                    "login": "Nick3C",
                    "id": 90254,
                    "node_id": "MDQ6VXNlcjE=",
                    "avatar_url": "https://github.com/images/error/Nick3C_happy.gif",
                    "gravatar_id": "",
                    "url": "https://api.github.com/users/Nick3C",
                    "html_url": "https://github.com/Nick3C",
                    "followers_url": "https://api.github.com/users/Nick3C/followers",
                    "following_url": "https://api.github.com/users/Nick3C/following{/other_user}",
                    "gists_url": "https://api.github.com/users/Nick3C/gists{/gist_id}",
                    "starred_url": "https://api.github.com/users/Nick3C/starred{/owner}{/repo}",
                    "subscriptions_url": "https://api.github.com/users/Nick3C/subscriptions",
                    "organizations_url": "https://api.github.com/users/Nick3C/orgs",
                    "repos_url": "https://api.github.com/users/Nick3C/repos",
                    "events_url": "https://api.github.com/users/Nick3C/events{/privacy}",
                    "received_events_url": "https://api.github.com/users/Nick3C/received_events",
                    "type": "User",
                    "site_admin": false
                  },
                  "labels": [
                    {
                      "id": 4,
                      "node_id": "MDU6TGFiZWw0",
                      "url": "https://api.github.com/repos/batterseapower/pinyin-toolkit/labels/bug",
                      "name": "bug",
                      "color": "ff0000"
                    }
                  ],
                  "state": "open",
                  "assignee": null,
                  "milestone": null,
                  "comments": 15,
                  "created_at": "2009-07-12T20:10:41Z",
                  "updated_at": "2009-07-18T08:00:00Z",
                  "closed_at": null,
                  "body": "...",
                  "score": 1,
                  "locked": true,
                  "author_association": "COLLABORATOR",
                  "state_reason": "completed"
                }
              ]
            }
            """;
}
