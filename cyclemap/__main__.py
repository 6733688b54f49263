from cyclemap.start import main

main()
