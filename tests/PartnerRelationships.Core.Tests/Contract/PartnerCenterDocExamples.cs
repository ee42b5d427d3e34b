namespace PartnerRelationships.Core.Tests.Contract;

/// <summary>
/// Response bodies copied verbatim from the Partner Center developer docs (learn.microsoft.com/partner-center/developer/
/// &lt;page&gt;; the page is named on each). The contract suite feeds them to the client's readers: what the docs show
/// must parse to the values the docs show. Where a page gives no example, the test says so and builds the case from the
/// documented shape.
/// </summary>
internal static class PartnerCenterDocExamples
{
    /// <summary>request-reseller-relationship, "Response example".</summary>
    public const string RelationshipRequest = """
        {
            "url": "https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=3b33e682-00c3-41ee-9dd2-a548adf56438&msppId=0&DAP=false#/BillingAccounts/partner-invitation",
            "attributes": {
                "objectType": "RelationshipRequest"
            }
        }
        """;

    /// <summary>get-a-list-of-customers, "Response example" (its items have no allowDelegatedAccess).</summary>
    public const string CustomerList = """
        {
            "totalCount": 2,
            "items": [{
                "id": "b44bb1fb-c595-45b0-9e09-d657365580bf",
                "companyProfile": {
                    "tenantId": "<guid>",
                    "domain": "domain",
                    "companyName": "companyName",
                    "attributes": {
                        "objectType": "CustomerCompanyProfile"
                    }
                },
                "relationshipToPartner": "reseller",
                "attributes": {
                    "objectType": "Customer"
                }
            },
            {
                "id": "45c44870-ef77-4fdd-b6fe-3dacb075cff2",
                "companyProfile": {
                    "tenantId": "<guid>",
                    "domain": "domain",
                    "companyName": "companyName",
                    "attributes": {
                        "objectType": "CustomerCompanyProfile"
                    }
                },
                "relationshipToPartner": "reseller",
                "attributes": {
                    "objectType": "Customer"
                }
            }],
            "links": {
                "self": {
                    "uri": "/v1/customers?size=40",
                    "method": "GET",
                    "headers": []
                }
            },
            "attributes": {
                "objectType": "Collection"
            }
        }
        """;

    /// <summary>get-a-customer-by-id, "Response example".</summary>
    public const string CustomerById = """
        {
          "id": "eebd1b55-5360-4438-a11d-5c06918c3014",
          "commerceId": "99e6a635-48e7-424d-9059-c9db944e3c54",
          "companyProfile": {
            "tenantId": "eebd1b55-5360-4438-a11d-5c06918c3014",
            "domain": "abcdefgh1234.ccsctp.net",
            "companyName": "1kl as kjk",
            "address": {
              "country": "US",
              "region": "wa",
              "city": "redmond",
              "addressLine1": "1 ms way",
              "postalCode": "98052",
              "phoneNumber": "1234567890"
            },
            "email": "a@a.com",
            "links": {
              "self": {
                "uri": "/customers/eebd1b55-5360-4438-a11d-5c06918c3014/profiles/company",
                "method": "GET",
                "headers": []
              }
            },
            "attributes": {
              "objectType": "CustomerCompanyProfile"
            }
          },
          "billingProfile": {
            "id": "eeada110-69d6-4cc9-b093-75feb7ca9d3f",
            "firstName": "d0d89d776d03471c819bf772191ed728",
            "lastName": "kjkAJJAAAAAAAAAAAAAAAAAAAA",
            "email": "a@a.com",
            "culture": "en-US",
            "language": "en",
            "companyName": "1kl as kjkAAAAAAAAAAAAAAAJJJJJJJJJJJAAAAAJJJJJJJJJJJAAJJJJJJJJJJJJJJJJJJJJJJJJJJJJJJJJJAJJJJJAJJAAAAJAJJAAAAAAAAAAAAAAAAAAAA",
            "defaultAddress": {
              "country": "US",
              "city": "redmond",
              "state": "WA",
              "addressLine1": "1 ms way",
              "postalCode": "98052",
              "firstName": "1kl as",
              "lastName": "kjk",
              "phoneNumber": "1234567890"
            },
            "links": {
              "self": {
                "uri": "/customers/eebd1b55-5360-4438-a11d-5c06918c3014/profiles/billing",
                "method": "GET",
                "headers": [

                ]
              }
            },
            "attributes": {
              "etag": "-4242348048554929329",
              "objectType": "CustomerBillingProfile"
            }
          },
          "relationshipToPartner": "reseller",
          "allowDelegatedAccess": true,
          "customDomains": [
            "abcdefgh1234.ccsctp.net"
          ],
          "links": {
            "self": {
              "uri": "/customers/eebd1b55-5360-4438-a11d-5c06918c3014",
              "method": "GET",
              "headers": []
            }
          },
          "attributes": {
            "objectType": "Customer"
          }
        }
        """;

    /// <summary>remove-a-reseller-relationship-with-a-customer, "Request example" body.</summary>
    public const string RemoveResellerRequest = """
        {
            "relationshipToPartner":"none",
            "attributes":{
                "objectType":"Customer"
            }
        }
        """;

    /// <summary>remove-a-reseller-relationship-with-a-customer, "Response example" (PascalCase).</summary>
    public const string RemoveResellerResponse = """
        {
            "Id":null,
            "CommerceId":null,
            "CompanyProfile":null,
            "BillingProfile":null,
            "RelationshipToPartner":"none",
            "AllowDelegatedAccess":null,
            "UserCredentials":null,
            "CustomDomains":null,
            "AssociatedPartnerId":null,
            "Attributes":{
                "ObjectType":"Customer"
            }
        }
        """;

    /// <summary>get-all-of-a-customer-s-subscriptions, "Response example" (its dates are malformed and there is no offerId, as printed).</summary>
    public const string Subscriptions = """
        {
            "totalCount": 37,
            "items": [{
                "id": "83ef9d05-4169-4ef9-9657-0e86b1eab1de",
                "entitlementId": "a356ac8c-e310-44f4-bf85-C7f29044af99",
                "friendlyName": "nickname",
                "quantity": 1,
                "unitType": "none",
                "creationDate": "2015-11-25T06: 41: 12Z",
                "effectiveStartDate": "2015-11-24T08: 00: 00Z",
                "commitmentEndDate": "2016-12-12T08: 00: 00Z",
                "status": "active",
                "autoRenewEnabled": false,
                "billingType": "none",
                "contractType": "subscription",
                "links": {
                    "offer": {
                        "uri": "/v1/offers/0CCA44D6-68E9-4762-94EE-31ECE98783B9",
                        "method": "GET",
                        "headers": []
                    },
                    "self": {
                        "uri": "/subscriptions?key=<key>",
                        "method": "GET",
                        "headers": []
                    }
                },
                "orderId": "6183db3d-6318-4e52-877e-25806e4971be",
                "attributes": {
                    "etag": "<etag>",
                    "objectType": "Subscription"
                }
            }],
            "attributes": {
                "objectType": "Collection"
            }
        }
        """;

    /// <summary>get-a-subscription-s-support-contact, "Response example" (the page's body starts with a byte order mark).</summary>
    public const string SupportContact = "\uFEFF" + """
        {
            "supportTenantId": "3B33E682-00C3-41EE-9DD2-A548ADF56438",
            "supportMpnId": "4391507",
            "name": "Trey Research",
            "links": {
                "self": {
                    "uri": "/customers/0C39D6D5-C70D-4C55-BC02-F620844F3FD1/subscriptions/C8D8FBAB-6A62-44DC-BE50-B7C74E43A296/supportcontact",
                    "method": "Get",
                    "headers": []
                }
            },
            "attributes": {
                "objectType": "SupportContact"
            }
        }
        """;

    /// <summary>update-a-subscription-s-support-contact, "Request example" body (PascalCase).</summary>
    public const string UpdateSupportContactRequest = """
        {
            "SupportTenantId": "3B33E682-00C3-41EE-9DD2-A548ADF56438",
            "SupportMpnId": "4391507",
            "Name": "Trey Research",
            "Links": {
                "Self": {
                    "Uri": "/customers/0C39D6D5-C70D-4C55-BC02-F620844F3FD1/subscriptions/C8D8FBAB-6A62-44DC-BE50-B7C74E43A296/supportcontact",
                    "Method": "Get",
                    "Headers": []
                }
            },
            "Attributes": {
                "ObjectType": "SupportContact"
            }
        }
        """;

    /// <summary>get-indirect-resellers-of-a-customer, "Response example".</summary>
    public const string IndirectResellers = """
        {
            "totalCount": 1,
            "items": [{
                    "id": "484e548c-f5f3-4528-93a9-c16c6373cb59",
                    "name": "First Up Consultants",
                    "relationshipType": "is_indirect_cloud_solution_provider_of",
                    "mpnId": "4847383",
                    "attributes": {
                        "objectType": "PartnerRelationship"
                    }
                }
            ],
            "attributes": {
                "objectType": "Collection"
            }
        }
        """;

    /// <summary>
    /// error-codes documents the classic schema ({code, description, data, source}) without a filled-in example; this
    /// one puts its table's row "BadRequest 400 3000 Invalid property" into that schema.
    /// </summary>
    public const string ClassicError = """
        {
          "code": 3000,
          "description": "Invalid property",
          "data": [

          ],
          "source": "PartnerFD"
        }
        """;

    /// <summary>confirm-customer-consent-customer-agreement: the newer error shape, verbatim.</summary>
    public const string NewerError = """
        {
        "code": 600061,
        "message": "A partner confirmed agreement already exists for the customer.",
        "description": "A partner confirmed agreement already exists for the customer.",
        "errorName": "PartnerConfirmedAgreementAlreadyExists",
        "isRetryable": false,
        "parameters": {},
        "errorMessageExtended": "InternalErrorCode=600061"
        }
        """;

    /// <summary>
    /// get-a-list-of-customers shows no next page. get-invoiceline-items' "Request-response example 4" shows the
    /// documented shape of one: links.next.uri without the /v1 prefix and the MS-ContinuationToken in links.next.headers.
    /// This page is that shape with the customer list's path (a built case, not a verbatim example).
    /// </summary>
    public const string CustomerPageWithNext = """
        {
            "totalCount": 1,
            "items": [{
                "id": "b44bb1fb-c595-45b0-9e09-d657365580bf",
                "companyProfile": { "tenantId": "b44bb1fb-c595-45b0-9e09-d657365580bf", "domain": "domain", "companyName": "companyName" },
                "relationshipToPartner": "reseller",
                "attributes": { "objectType": "Customer" }
            }],
            "links": {
                "self": { "uri": "/v1/customers?size=1", "method": "GET", "headers": [] },
                "next": {
                    "uri": "/customers?size=1&seekOperation=Next",
                    "method": "GET",
                    "headers": [
                        {
                            "key": "MS-ContinuationToken",
                            "value": "d19617b8-fbe5-4684-a5d8-0230972fb0cf,0705c4a9-39f7-4261-ba6d-53e24a9ce47d_a4ayc/80/OGda4BO/1o/V0etpOqiLx1JwB5S3beHW0s=,0d81c700-98b4-4b13-9129-ffd5620f72e7"
                        }
                    ]
                }
            },
            "attributes": { "objectType": "Collection" }
        }
        """;
}
