window.YTD.tweets.part0 = [
  {
    "tweet": {
      "id_str": "1879442019377393664",
      "id": "1879442019377393664",
      "created_at": "Wed Jan 15 06:12:44 +0000 2025",
      "full_text": "Kl. 02.40 i bil nr. 7 med nattevagten i Distrikt Syd. Ni besøg, en kat i elevatoren og masser af termokaffe ☕ I er seje, nattevagter. #hjemmepleje",
      "retweeted": false,
      "favorite_count": "38",
      "retweet_count": "6",
      "lang": "da",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "146"
      ]
    }
  },
  {
    "tweet": {
      "id_str": "1889609877051416576",
      "id": "1889609877051416576",
      "created_at": "Wed Feb 12 07:30:05 +0000 2025",
      "full_text": "23 nye SOSU-elever i dag 🙌 Bedste råd fra en kollega med 31 år i faget: Spis din frokost. Hele den. #sosu",
      "retweeted": false,
      "favorite_count": "80",
      "retweet_count": "3",
      "lang": "da",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "105"
      ]
    }
  },
  {
    "tweet": {
      "id_str": "1904973040233066496",
      "id": "1904973040233066496",
      "created_at": "Wed Mar 26 13:01:17 +0000 2025",
      "full_text": "Prøvede faldforebyggelse på hold i dag. Jeg var den eneste, der vaklede 🙈 Respekt til holdet og til fysioterne. #forebyggelse",
      "retweeted": false,
      "favorite_count": "50",
      "retweet_count": "3",
      "lang": "da",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "125"
      ]
    }
  },
  {
    "tweet": {
      "id_str": "1932705661447561216",
      "id": "1932705661447561216",
      "created_at": "Wed Jun 11 10:20:00 +0000 2025",
      "full_text": "Hedebølge i weekenden 🌡️ Hjemmeplejen tjekker væske, akutteamet er på ekstra vagt. Og du: bank på hos din ældre nabo. #fællesskab",
      "retweeted": false,
      "favorite_count": "80",
      "retweet_count": "4",
      "lang": "da",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "129"
      ]
    }
  },
  {
    "tweet": {
      "id_str": "1963052442216235008",
      "id": "1963052442216235008",
      "created_at": "Wed Sep 03 08:45:31 +0000 2025",
      "full_text": "Jeg er nu demensven 🧠 Tog 45 min. 147 i Fjordmark har taget kurset. Målet er 1.000. Bliv nr. 148: fjordmark.dk/demensven",
      "retweeted": false,
      "favorite_count": "59",
      "retweet_count": "3",
      "lang": "da",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "120"
      ]
    }
  },
  {
    "tweet": {
      "id_str": "1973242116618268672",
      "id": "1973242116618268672",
      "created_at": "Wed Oct 01 06:05:12 +0000 2025",
      "full_text": "Stik! 💉 Vaccineret. Gratis for alle i ældreplejen de næste fire uger. Sidste år 62 %, i år over 70? #arbejdsmiljø",
      "retweeted": false,
      "favorite_count": "87",
      "retweet_count": "5",
      "lang": "da",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "113"
      ]
    }
  },
  {
    "tweet": {
      "id_str": "1988560051012145152",
      "id": "1988560051012145152",
      "created_at": "Wed Nov 12 11:11:11 +0000 2025",
      "full_text": "Akutteamet fylder 1 år 🎂 1.240 udrykninger. 380 indlæggelser undgået. Jeg tog to stykker kage. Mit ansvar alene.",
      "retweeted": false,
      "favorite_count": "59",
      "retweet_count": "0",
      "lang": "da",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "112"
      ]
    }
  },
  {
    "tweet": {
      "id_str": "2018957725419249664",
      "id": "2018957725419249664",
      "created_at": "Wed Feb 04 09:14:50 +0000 2026",
      "full_text": "Talegenkendelsen skrev 'hjemmeplejen' som 'hjem mæle pejen' 😅 Men pilotgruppen sparer 22 min om dagen. Ud til alle i april. #digitalisering",
      "retweeted": false,
      "favorite_count": "45",
      "retweet_count": "6",
      "lang": "da",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "139"
      ]
    }
  },
  {
    "tweet": {
      "id_str": "2036768190128001024",
      "id": "2036768190128001024",
      "created_at": "Wed Mar 25 16:40:09 +0000 2026",
      "full_text": "31 om bordet til spisefællesskab på Fjordly i dag. For et halvt år siden 9. Frikadeller virker mod ensomhed 🍽️ #fællesskab",
      "retweeted": false,
      "favorite_count": "63",
      "retweet_count": "1",
      "lang": "da",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "122"
      ]
    }
  },
  {
    "tweet": {
      "id_str": "2057880519542984704",
      "id": "2057880519542984704",
      "created_at": "Wed Aug 19 12:00:00 +0000 2026",
      "full_text": "Frokost med en spiserobot 🤖🥄 Langsom og lidt larmende. Men beboerne, der har valgt den, spiser selv. Personalet sidder stadig ved bordet.",
      "retweeted": false,
      "favorite_count": "13",
      "retweet_count": "0",
      "lang": "da",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "137"
      ]
    }
  },
  {
    "tweet": {
      "id_str": "2068003002419273728",
      "id": "2068003002419273728",
      "created_at": "Wed Sep 16 07:22:33 +0000 2026",
      "full_text": "Trivsel i Sundhed og Omsorg: 5,4 af 7 (før 5,0) 🎉 Vagtplanen får vi styr på med MED-udvalget i oktober. Den tager jeg på mig.",
      "retweeted": false,
      "favorite_count": "81",
      "retweet_count": "0",
      "lang": "da",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "125"
      ]
    }
  }
]
