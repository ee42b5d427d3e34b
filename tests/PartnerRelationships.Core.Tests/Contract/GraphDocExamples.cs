namespace PartnerRelationships.Core.Tests.Contract;

/// <summary>
/// Example responses copied verbatim from the Microsoft Graph v1.0 documentation (microsoft-graph-docs-contrib,
/// api-reference/v1.0/api/&lt;page&gt;.md, learn.microsoft.com/graph/api/&lt;page&gt;): each constant names its page.
/// They are the contract: a documented answer must read to the documented values. Where a page gives no example
/// the case is built from the documented shape and says so.
/// </summary>
internal static class GraphDocExamples
{
    /// <summary>tenantrelationship-list-delegatedadminrelationships: Response (200 OK), with a resellerDelegatedAdminRelationship item.</summary>
    public const string ListRelationships = """
        {
          "@odata.context": "https://graph.microsoft.com/v1.0/tenantRelationships/$metadata#delegatedAdminRelationships",
          "value": [
            {
              "@odata.type": "#microsoft.graph.delegatedAdminRelationship",
              "@odata.etag": "W/\"JyIwMzAwZTM0ZS0wMDAwLTAyMDAtMDAwMC02MTRjZjI1YzAwMDAiJw==\"",
              "id": "5d027261-d21f-4aa9-b7db-7fa1f56fb163-8777b240-c6f0-4469-9e98-a3205431b836",
              "displayName": "Contoso admin relationship",
              "duration": "P730D",
              "customer": {
                "tenantId": "52eaad04-13a2-4a2f-9ce8-93a294fadf36",
                "displayName": "Contoso Inc"
              },
              "accessDetails": {
                "unifiedRoles": [
                  {
                    "roleDefinitionId": "dd4db9a0-cc4a-4213-9f9f-70242232d97e"
                  }
                ]
              },
              "status": "active",
              "autoExtendDuration": "P180D",
              "createdDateTime": "2022-02-10T11:24:42.3148266Z",
              "lastModifiedDateTime": "2022-02-10T11:26:44.9941884Z",
              "activatedDateTime": "2022-02-10T11:26:44.9941884Z",
              "endDateTime": "2024-02-10T11:24:42.3148266Z"
            },
            {
              "@odata.type": "#microsoft.graph.delegatedAdminRelationship",
              "@odata.etag": "W/\"JyIwMzAwZTM0ZS0wKklILTAyMDAtMDAwMC02MTRjZjI1YzAwMDAiJw==\"",
              "id": "1041ef52-a99b-4245-a3be-cbd3fa7c5ed1-8777b240-c6f0-4469-9e98-a3205431b836",
              "displayName": "Contoso subsidiary relationship",
              "duration": "P30D",
              "customer": {
                "tenantId": "4b827261-d21f-4aa9-b7db-7fa1f56fb163",
                "displayName": "Contoso subsidiary Inc"
              },
              "accessDetails": {
                "unifiedRoles": [
                  {
                    "roleDefinitionId": "29232cdf-9323-42fd-ade2-1d097af3e4de"
                  },
                  {
                    "roleDefinitionId": "3a2c62db-5318-420d-8d74-23affee5d9d5"
                  }
                ]
              },
              "status": "terminated",
              "autoExtendDuration": "PT0S",
              "createdDateTime": "2021-09-29T16:52:39.6133896Z",
              "lastModifiedDateTime": "2021-10-29T16:57:20.2101088Z",
              "activatedDateTime": "2021-09-29T16:55:20.2101088Z",
              "endDateTime": "2021-10-29T16:57:20.2101088Z"
            },
            {
              "@odata.type": "#microsoft.graph.resellerDelegatedAdminRelationship",
              "@odata.etag": "W/\"JyIwMzAwZTM0ZS0wMDAwLTAyMDAtMDAwMC02MTRjZjI1YzAwMDAiJw==\"",
              "id": "4b227261-d21f-4aa9-b7db-7fa1f56fb163-8777b240-c6f0-4469-9e98-a3205431b836",
              "displayName": "Fabrikam admin relationship",
              "duration": "P180D",
              "customer": {
                "tenantId": "52eaad04-13a2-4a2f-9ce8-93a294fadf36",
                "displayName": "Fabrikam Inc."
              },
              "accessDetails": {
                "unifiedRoles": [
                  {
                    "roleDefinitionId": "7be44c8a-adaf-4e2a-84d6-ab2649e08a13"
                  },
                  {
                    "roleDefinitionId": "e8611ab8-c189-46e8-94e1-60213ab1f814"
                  },
                  {
                    "roleDefinitionId": "fe930be7-5e62-47db-91af-98c3a49a38b1"
                  },
                  {
                    "roleDefinitionId": "729827e3-9c14-49f7-bb1b-9608f156bbb8"
                  },
                  {
                    "roleDefinitionId": "4d6ac14f-3453-41d0-bef9-a3e0c569773a"
                  },
                  {
                    "roleDefinitionId": "f023fd81-a637-4b56-95fd-791ac0226033"
                  },
                  {
                    "roleDefinitionId": "9360feb5-f418-4baa-8175-e2a00bac4301"
                  },
                  {
                    "roleDefinitionId": "88d8e3e3-8f55-4a1e-953a-9b9898b8876b"
                  },
                  {
                    "roleDefinitionId": "f2ef992c-3afb-46b9-b7cf-a126ee74c451"
                  }
                ]
              },
              "status": "approvalPending",
              "autoExtendDuration": "PT0S",
              "createdDateTime": "2022-02-10T11:24:42.3148266Z",
              "lastModifiedDateTime": "2022-02-10T11:26:44.9941884Z",
              "activatedDateTime": null,
              "endDateTime": null,
              "isPartnerConsentPending": true,
              "indirectProviderTenantId": "60ea59db-a506-485e-94c5-d115f369e239"
            }
          ]
        }
        """;

    /// <summary>tenantrelationship-post-delegatedadminrelationships: Response (201 Created). Note <c>"activatedDateTime": ""</c>.</summary>
    public const string CreateRelationship = """
        {
          "@odata.type": "#microsoft.graph.delegatedAdminRelationship",
          "@odata.context": "https://graph.microsoft.com/v1.0/tenantRelationships/$metadata#delegatedAdminRelationships",
          "@odata.etag": "W/\"JyIxODAwZTY4My0wMDAwLTAyMDAtMDAwMC02MTU0OWFmMDAwMDAiJw==\"",
          "id": "5d027261-d21f-4aa9-b7db-7fa1f56fb163-8777b240-c6f0-4469-9e98-a3205431b836",
          "displayName": "Contoso admin relationship",
          "duration": "P730D",
          "customer": {
            "tenantId": "4b827261-d21f-4aa9-b7db-7fa1f56fb163",
            "displayName": "Contoso subsidiary Inc"
          },
          "accessDetails": {
            "unifiedRoles": [
              {
                "roleDefinitionId": "29232cdf-9323-42fd-ade2-1d097af3e4de"
              },
              {
                "roleDefinitionId": "3a2c62db-5318-420d-8d74-23affee5d9d5"
              }
            ]
          },
          "status": "created",
          "autoExtendDuration": "P180D",
          "createdDateTime": "2022-02-10T11:24:42.3148266Z",
          "lastModifiedDateTime": "2022-02-10T11:24:42.3148266Z",
          "activatedDateTime": "",
          "endDateTime": "2024-02-10T11:24:42.3148266Z"
        }
        """;

    /// <summary>delegatedadminrelationship-update: Response (200 OK).</summary>
    public const string UpdateRelationship = """
        {
          "@odata.type": "#microsoft.graph.delegatedAdminRelationship",
          "@odata.context": "https://graph.microsoft.com/v1.0/tenantRelationships/$metadata#delegatedAdminRelationships/$entity",
          "@odata.etag": "W/\"JyIwMzAwZTM0ZS0wMDAwLTAyMDAtMDAwMC02MTRjZjI1YzAwMDAiJw==\"",
          "id": "5d027261-d21f-4aa9-b7db-7fa1f56fb163-8777b240-c6f0-4469-9e98-a3205431b836",
          "displayName": "Updated Contoso admin relationship",
          "duration": "P31D",
          "status": "created",
          "createdDateTime": "2022-02-10T11:24:42.3148266Z",
          "lastModifiedDateTime": "2022-02-10T11:26:44.9941884Z",
          "customer": {
            "tenantId": "52eaad04-13a2-4a2f-9ce8-93a294fadf36"
          },
          "accessDetails": {
            "unifiedRoles": [
              {
                "roleDefinitionId": "44367163-eba1-44c3-98af-f5787879f96a"
              },
              {
                "roleDefinitionId": "29232cdf-9323-42fd-ade2-1d097af3e4de"
              },
              {
                "roleDefinitionId": "69091246-20e8-4a56-aa4d-066075b2a7a8"
              },
              {
                "roleDefinitionId": "3a2c62db-5318-420d-8d74-23affee5d9d5"
              }
            ]
          }
        }
        """;

    /// <summary>delegatedadminrelationship-post-requests: Response (201 Created): the request starts "created".</summary>
    public const string PostRequestLocation = "https://graph.microsoft.com/v1.0/tenantRelationships/delegatedAdminRelationships/c45e5ffb-3de2-4938-a214-b7eed802db66-4be56058-bb48-4a8e-8282-6cf0e98e6c9d/requests/5a6666c9-7282-0a41-67aa-25a5a3fbf339";

    /// <summary>delegatedadminrelationship-post-requests: Response body.</summary>
    public const string PostRequest = """
        {
          "@odata.type": "#microsoft.graph.delegatedAdminRelationshipRequest",
          "@odata.context": "https://graph.microsoft.com/v1.0/tenantRelationships/$metadata#requests",
          "id": "5a6666c9-7282-0a41-67aa-25a5a3fbf339",
          "action": "lockForApproval",
          "status": "created",
          "createdDateTime": "2022-02-10T10:55:47.1180588Z",
          "lastModifiedDateTime": "2022-02-10T10:55:47.1180588Z"
        }
        """;

    /// <summary>delegatedadminrelationship-list-accessassignments: Response (200 OK).</summary>
    public const string ListAccessAssignments = """
        {
          "@odata.context": "https://graph.microsoft.com/v1.0/tenantRelationships/$metadata#accessAssignments",
          "value": [
            {
              "@odata.type": "#microsoft.graph.delegatedAdminAccessAssignment",
              "@odata.etag": "W/\"JyIwMDAwMDI5OC0wMDAwLTAyMDAtMDAwMC02MjJiZTA0YjAwMDAiJw==\"",
              "id": "84c586df-0943-416e-b95f-7289cb8d3bd5",
              "status": "active",
              "createdDateTime": "2022-03-07T22:55:18.6780449Z",
              "lastModifiedDateTime": "2022-03-11T23:50:35.8970153Z",
              "accessContainer": {
                  "accessContainerId": "227a2f44-2682-4831-a021-f8d69a34bcba",
                  "accessContainerType": "securityGroup"
              },
              "accessDetails": {
                  "unifiedRoles": [
                      {
                           "roleDefinitionId": "88d8e3e3-8f55-4a1e-953a-9b9898b8876b"
                      },
                      {
                          "roleDefinitionId": "44367163-eba1-44c3-98af-f5787879f96a"
                      },
                      {
                          "roleDefinitionId": "29232cdf-9323-42fd-ade2-1d097af3e4de"
                      },
                      {
                          "roleDefinitionId": "62e90394-69f5-4237-9190-012177145e10"
                      }
                  ]
              }
            },
            {
              "@odata.type": "#microsoft.graph.delegatedAdminAccessAssignment",
              "@odata.etag": "W/\"JyIwMDAwMjAwOC0wMDAwLTAyMDAtMDAwMC02MjJhYWQzYjAwMDAiJw==\"",
              "id": "8d56bce3-440f-4b4f-b5c2-cc0bcbd0199c",
              "status": "active",
              "createdDateTime": "2022-03-10T23:50:35.8970153Z",
              "lastModifiedDateTime": "2022-03-11T02:00:27.7912161Z",
              "accessContainer": {
                  "accessContainerId": "869713c9-0b28-4d08-8949-ae07ae1bf528",
                  "accessContainerType": "securityGroup"
              },
              "accessDetails": {
                  "unifiedRoles": [
                      {
                          "roleDefinitionId": "29232cdf-9323-42fd-ade2-1d097af3e4de"
                      },
                      {
                          "roleDefinitionId": "f2ef992c-3afb-46b9-b7cf-a126ee74c451"
                      },
                      {
                          "roleDefinitionId": "729827e3-9c14-49f7-bb1b-9608f156bbb8"
                      },
                      {
                          "roleDefinitionId": "3a2c62db-5318-420d-8d74-23affee5d9d5"
                      }
                  ]
              }
            }
          ]
        }
        """;

    /// <summary>delegatedadminaccessassignment-update: Response (202 Accepted): these headers and this body.</summary>
    public const string UpdateAccessAssignmentLocation = "https://graph.microsoft.com/v1.0/tenantRelationships/delegatedAdminRelationships/5e5594d3-6f82-458b-b567-77db4811f0cd-00000000-0000-0000-0000-000000001234/operations/d8dbb27b-7fe7-4523-a3df-f766355fe0f2";

    public const int UpdateAccessAssignmentRetryAfterSeconds = 10;

    public const string UpdateAccessAssignmentBody = """
        {
        }
        """;

    /// <summary>delegatedadminrelationshipoperation-get: Response (200 OK).</summary>
    public const string GetOperation = """
        {
          "@odata.type": "#microsoft.graph.delegatedAdminRelationshipOperation",
          "@odata.context": "https://graph.microsoft.com/v1.0/tenantRelationships/$metadata#operations/$entity",
          "@odata.etag": "W/\"JyIwMzAwZTM0ZS0wMDAwLTAyMDAtMDAwMC02MTRjZjI1YzAwMDAiJw==\"",
          "id": "57e4479a-aafb-4d00-ab0f-8ce6027466cf",
          "operationType": "delegatedAdminAccessAssignmentUpdate",
          "data": "{\"id\":\"a97a9b4c-f43e-4c47-bbd6-50d8d3c88d94\",\"accessContainer\":{\"accessContainerId\":\"869713c9-0b28-4d08-8949-ae07ae1bf528\",\"accessContainerType\":\"securityGroup\"},\"accessDetails\":{\"unifiedRoles\":[{\"roleDefinitionId\":\"e3973bdf-4987-49ae-837a-ba8e231c7286\"}]},\"status\":\"active\"}",
          "status": "succeeded",
          "createdDateTime": "2022-02-11T19:27:31.4047395Z",
          "lastModifiedDateTime": "2022-02-11T19:27:31.4047395Z"
        }
        """;

    /// <summary>
    /// No doc page shows a continuation page of these lists; built from the documented shape (OData paging: value plus
    /// @odata.nextLink; "$top supports up to 300 objects").
    /// </summary>
    public const string ContinuationPageFromShape = """
        {
          "@odata.context": "https://graph.microsoft.com/v1.0/tenantRelationships/$metadata#delegatedAdminRelationships",
          "@odata.nextLink": "https://graph.microsoft.com/v1.0/tenantRelationships/delegatedAdminRelationships?$top=1&$skiptoken=abc",
          "value": []
        }
        """;

    /// <summary>No GDAP page shows an error body; built from the shape Graph's error page documents.</summary>
    public const string ErrorFromShape = """
        {
          "error": {
            "code": "badRequest",
            "message": "Uh oh!",
            "innerError": {
              "date": "2022-02-10T11:24:42",
              "request-id": "b4a5b1e8-0000-0000-0000-000000000000",
              "client-request-id": "b4a5b1e8-0000-0000-0000-000000000001"
            }
          }
        }
        """;
}
