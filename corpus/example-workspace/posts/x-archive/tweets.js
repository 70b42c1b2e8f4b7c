window.YTD.tweets.part0 = [
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1897190642808088948"
          ],
          "editableUntil": "2025-03-05T08:41:12.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [
          {
            "text": "GrønOmstilling",
            "indices": [
              "156",
              "171"
            ]
          }
        ],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "171"
      ],
      "favorite_count": "53",
      "id_str": "1897190642808088948",
      "truncated": false,
      "retweet_count": "3",
      "id": "1897190642808088948",
      "created_at": "Wed Mar 05 07:41:12 +0000 2025",
      "favorited": false,
      "full_text": "I dag fik hjemmeplejen i Tjørnvig 12 nye elbiler. Kommunen har nu 71 elbiler, og målet er, at alle 210 kører på el eller brint i 2027. Tak til Flådeteamet! #GrønOmstilling",
      "lang": "da"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1937817480854100716"
          ],
          "editableUntil": "2025-06-25T11:17:45.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": [
          {
            "url": "https://t.co/Fj8kQ2mWxa",
            "expanded_url": "https://fjordmark.dk/badevand",
            "display_url": "fjordmark.dk/badevand",
            "indices": [
              "151",
              "174"
            ]
          }
        ]
      },
      "display_text_range": [
        "0",
        "174"
      ],
      "favorite_count": "57",
      "id_str": "1937817480854100716",
      "truncated": false,
      "retweet_count": "9",
      "id": "1937817480854100716",
      "created_at": "Wed Jun 25 10:17:45 +0000 2025",
      "favorited": false,
      "full_text": "Blå Flag vajer igen ved Bredstrand Strand ☀️ Badevandet er tjekket, og livredderne er på plads fra i morgen. God sommer – og pas på hinanden i vandet. https://t.co/Fj8kQ2mWxa",
      "lang": "da"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1990865095882630982"
          ],
          "editableUntil": "2025-11-18T20:30:02.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [
          {
            "text": "Kommunalvalg",
            "indices": [
              "153",
              "166"
            ]
          }
        ],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "166"
      ],
      "favorite_count": "48",
      "id_str": "1990865095882630982",
      "truncated": false,
      "retweet_count": "3",
      "id": "1990865095882630982",
      "created_at": "Tue Nov 18 19:30:02 +0000 2025",
      "favorited": false,
      "full_text": "Valgstederne har åbent til kl. 20. Tak til de 460 valgtilforordnede og til valgsekretariatet, der har knoklet siden kl. 7. Demokratiets maskinrum kører. #Kommunalvalg",
      "lang": "da"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2023730533761925574"
          ],
          "editableUntil": "2026-02-17T13:05:33.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [
          {
            "text": "SOSU",
            "indices": [
              "174",
              "179"
            ]
          }
        ],
        "symbols": [],
        "user_mentions": [],
        "urls": [
          {
            "url": "https://t.co/Lr4mZp9TqE",
            "expanded_url": "https://fjordmark.dk/job",
            "display_url": "fjordmark.dk/job",
            "indices": [
              "150",
              "173"
            ]
          }
        ]
      },
      "display_text_range": [
        "0",
        "179"
      ],
      "favorite_count": "32",
      "id_str": "2023730533761925574",
      "truncated": false,
      "retweet_count": "7",
      "id": "2023730533761925574",
      "created_at": "Tue Feb 17 12:05:33 +0000 2026",
      "favorited": false,
      "full_text": "Vi søger 30 sosu-assistenter til hjemmeplejen og plejecentrene i Fjordmark. Fast makker de første tre måneder og mulighed for flere timer. Del gerne! https://t.co/Lr4mZp9TqE #SOSU",
      "lang": "da"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2086708704574547342"
          ],
          "editableUntil": "2026-08-10T07:58:19.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [
          {
            "text": "BørnOgUnge",
            "indices": [
              "136",
              "147"
            ]
          }
        ],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "147"
      ],
      "favorite_count": "11",
      "id_str": "2086708704574547342",
      "truncated": false,
      "retweet_count": "3",
      "id": "2086708704574547342",
      "created_at": "Mon Aug 10 06:58:19 +0000 2026",
      "favorited": false,
      "full_text": "I dag starter 470 børn i 0. klasse på kommunens ni skoler. Kæmpe tillykke – og god skolestart til alle forældre, lærere og pædagoger. 🎒 #BørnOgUnge",
      "lang": "da"
    }
  }
]
